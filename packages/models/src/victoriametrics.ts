// Story 8: a VictoriaMetrics cluster ingesting 30M time series a minute with 6+ months of
// retention in eu-west-1, and the idea of moving it to ap-south-1. vmClusterSizing follows
// VictoriaMetrics' capacity-planning guidance; vmRegionComparison prices the result per region.

import { type Ec2InstanceType, ec2HourlyUsd, ec2InstanceShapes } from './machines.ts';
import { prices } from './prices.ts';
import { type AwsRegion, awsRegions } from './types.ts';
import { GiB, HOURS_PER_MONTH, SECONDS_PER_DAY, SECONDS_PER_MONTH } from './units.ts';
import { requireNonNegativeInteger, requirePositive, requirePositiveInteger } from './validate.ts';
import { victoriaMetricsGuidance as guidance } from './victoriametrics-guidance.ts';

export type { AwsRegion } from './types.ts';

/** x86_64 runs on Intel r6i/c6i/m6i, arm64 on Graviton r6g/c6g/m6g; VictoriaMetrics ships both. */
export type CpuArchitecture = 'x86_64' | 'arm64';

export interface VmSizingInput {
  activeSeries: number;
  scrapeIntervalSeconds: number;
  retentionMonths: number;
  /** Copies of each sample (vminsert -replicationFactor). Default 1: EBS already replicates. */
  replicationFactor?: number;
  architecture?: CpuArchitecture;
  /** Stateless tiers; default is the HA minimum of 2 each. */
  vminsertNodes?: number;
  vmselectNodes?: number;
}

export interface VmSizing {
  /** Ingestion before replication: active series / scrape interval. */
  samplesPerSecond: number;
  replicationFactor: number;
  /** Total EBS across vmstorage nodes: data for retention plus one retention cycle, index, free space. */
  diskGiB: number;
  diskGiBPerStorageNode: number;
  /** RAM the cluster should have, including VictoriaMetrics' 50% spare. */
  ramGiB: number;
  /** vCPUs the cluster should have, including VictoriaMetrics' 50% spare, rounded up. */
  vcpus: number;
  nodes: { vminsert: number; vmselect: number; vmstorage: number };
  instanceTypes: { vminsert: Ec2InstanceType; vmselect: Ec2InstanceType; vmstorage: Ec2InstanceType };
}

const instanceTypesByArchitecture: Record<CpuArchitecture, VmSizing['instanceTypes']> = {
  x86_64: { vminsert: 'c6i.xlarge', vmselect: 'm6i.xlarge', vmstorage: 'r6i.4xlarge' },
  arm64: { vminsert: 'c6g.xlarge', vmselect: 'm6g.xlarge', vmstorage: 'r6g.4xlarge' },
};

/** RAM one active series costs, from the Grammarly cluster: 250 GiB for 35M series. */
export function ramBytesPerActiveSeries(): number {
  return (guidance.grammarlyRamGiB.value * GiB) / guidance.grammarlyActiveSeries.value;
}

/** Samples per second one core ingests, from the Grammarly cluster: 950k/s on 12 cores. */
export function samplesPerSecondPerCore(): number {
  return guidance.grammarlyIngestionRate.value / guidance.grammarlyCpuCores.value;
}

/** Seconds of data on disk: the retention, plus the partition being filled (a month, or a day for short retention). */
export function storedSeconds(retentionMonths: number): number {
  const retentionSeconds = requirePositive('retentionMonths', retentionMonths) * SECONDS_PER_MONTH;
  const cycle =
    retentionSeconds > guidance.retentionCycleThresholdDays.value * SECONDS_PER_DAY
      ? SECONDS_PER_MONTH
      : SECONDS_PER_DAY;
  return retentionSeconds + cycle;
}

export function vmClusterSizing(i: VmSizingInput): VmSizing {
  const activeSeries = requireNonNegativeInteger('activeSeries', i.activeSeries);
  const scrapeIntervalSeconds = requirePositive('scrapeIntervalSeconds', i.scrapeIntervalSeconds);
  const replicationFactor = requirePositiveInteger(
    'replicationFactor',
    i.replicationFactor ?? guidance.defaultReplicationFactor.value,
  );
  const vminsert = requirePositiveInteger(
    'vminsertNodes',
    i.vminsertNodes ?? guidance.minNodesPerServiceForHa.value,
  );
  const vmselect = requirePositiveInteger(
    'vmselectNodes',
    i.vmselectNodes ?? guidance.minNodesPerServiceForHa.value,
  );
  const instanceTypes = instanceTypesByArchitecture[i.architecture ?? 'x86_64'];

  const samplesPerSecond = activeSeries / scrapeIntervalSeconds;
  const dataBytes =
    guidance.bytesPerSampleOnDisk.value *
    samplesPerSecond *
    replicationFactor *
    storedSeconds(i.retentionMonths);
  const diskBytes = (dataBytes * (1 + guidance.indexShareOfData.value)) / (1 - guidance.freeDiskShare.value);
  const diskGiB = diskBytes / GiB;

  // "Replication Factor multiplies the number of Active Time Series", and every copy is ingested.
  const usedRamGiB = (activeSeries * replicationFactor * ramBytesPerActiveSeries()) / GiB;
  const ramGiB = usedRamGiB / (1 - guidance.spareRamShare.value);
  const usedCores = (samplesPerSecond * replicationFactor) / samplesPerSecondPerCore();
  const vcpus = Math.ceil(usedCores / (1 - guidance.spareCpuShare.value));

  // vmstorage carries the whole RAM and CPU requirement (the Grammarly figures are whole-cluster,
  // so this errs high), needs 2N-1 nodes to keep N copies with N-1 down, and 2 for HA at least.
  const storage = ec2InstanceShapes[instanceTypes.vmstorage];
  const vmstorage = Math.max(
    2 * replicationFactor - 1,
    guidance.minNodesPerServiceForHa.value,
    Math.ceil(ramGiB / storage.memoryGiB),
    Math.ceil(vcpus / storage.vcpus),
  );

  return {
    samplesPerSecond,
    replicationFactor,
    diskGiB,
    diskGiBPerStorageNode: diskGiB / vmstorage,
    ramGiB,
    vcpus,
    nodes: { vminsert, vmselect, vmstorage },
    instanceTypes,
  };
}

export interface RegionCost {
  region: AwsRegion;
  /** EC2 on-demand instance hours, USD per month. */
  compute: number;
  /** EBS gp3 for the vmstorage disks, USD per month. */
  storage: number;
  total: number;
}

export function vmMonthlyCostByRegion(s: VmSizing, region: AwsRegion): RegionCost {
  const roles = ['vminsert', 'vmselect', 'vmstorage'] as const;
  const hourly = roles.reduce(
    (sum, role) => sum + s.nodes[role] * ec2HourlyUsd(s.instanceTypes[role], region),
    0,
  );
  const compute = hourly * HOURS_PER_MONTH;
  const storage = s.diskGiB * prices.aws[region].ebsGp3GibMonth.usd;
  return { region, compute, storage, total: compute + storage };
}

/** Monthly cost of the same cluster in each region, cheapest first. */
export function vmRegionComparison(s: VmSizing, regions: readonly AwsRegion[] = awsRegions): RegionCost[] {
  return regions.map((region) => vmMonthlyCostByRegion(s, region)).sort((a, b) => a.total - b.total);
}
