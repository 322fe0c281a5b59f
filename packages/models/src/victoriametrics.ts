// Story 8: a VictoriaMetrics cluster ingesting 30M time series a minute with 6+ months of
// retention in eu-west-1, and the idea of moving it to ap-south-1. vmClusterSizing follows
// VictoriaMetrics' capacity-planning guidance; vmRegionComparison prices the result per region.

import { type Ec2InstanceType, ec2HourlyUsd, ec2InstanceShapes } from './machines.ts';
import { prices } from './prices.ts';
import { type AwsRegion, awsRegions } from './types.ts';
import { GiB, HOURS_PER_MONTH, SECONDS_PER_DAY, SECONDS_PER_MONTH, TB } from './units.ts';
import {
  requireNonNegative,
  requireNonNegativeInteger,
  requirePositive,
  requirePositiveInteger,
} from './validate.ts';
import { victoriaMetricsGuidance as guidance, vmLabMeasurement } from './victoriametrics-guidance.ts';

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
  /** Compressed bytes a sample takes on disk. Default: VictoriaMetrics' guide (about 1 byte); a lab measures its own. */
  bytesPerSampleOnDisk?: number;
  /** RAM one active series costs. Default: the Grammarly cluster's ratio (see ramBytesPerActiveSeries). */
  ramBytesPerActiveSeries?: number;
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
  architecture: CpuArchitecture;
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

  const bytesPerSample = requirePositive(
    'bytesPerSampleOnDisk',
    i.bytesPerSampleOnDisk ?? guidance.bytesPerSampleOnDisk.value,
  );
  const ramPerSeries = requirePositive(
    'ramBytesPerActiveSeries',
    i.ramBytesPerActiveSeries ?? ramBytesPerActiveSeries(),
  );
  const samplesPerSecond = activeSeries / scrapeIntervalSeconds;
  const dataBytes = bytesPerSample * samplesPerSecond * replicationFactor * storedSeconds(i.retentionMonths);
  const diskBytes = (dataBytes * (1 + guidance.indexShareOfData.value)) / (1 - guidance.freeDiskShare.value);
  const diskGiB = diskBytes / GiB;

  // "Replication Factor multiplies the number of Active Time Series", and every copy is ingested.
  const usedRamGiB = (activeSeries * replicationFactor * ramPerSeries) / GiB;
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
    architecture: i.architecture ?? 'x86_64',
  };
}

/** EBS volume types for the vmstorage disks: gp3 (SSD, the default) or st1 (throughput-optimized HDD). */
export type EbsVolumeType = 'gp3' | 'st1';

export interface RegionCost {
  region: AwsRegion;
  /** EC2 on-demand instance hours, USD per month. */
  compute: number;
  /** EBS for the vmstorage disks (gp3 unless the placement says st1), USD per month. */
  storage: number;
  /** Inter-region data transfer of the samples vmagent sends when the workloads run in another region, USD per month. */
  transfer: number;
  total: number;
}

export interface VmPlacement {
  /** Where the cluster (vminsert, vmselect, vmstorage) runs. */
  region: AwsRegion;
  /** Where the scraped workloads and their vmagents run. Default: the same region (no transfer). */
  workloadRegion?: AwsRegion;
  /** Default gp3. */
  disk?: EbsVolumeType;
  /** Bytes one sample takes on the wire from vmagent to vminsert. Default: the lab's measurement. */
  remoteWriteBytesPerSample?: number;
}

function ebsGibMonthUsd(region: AwsRegion, disk: EbsVolumeType): number {
  const regionPrices = prices.aws[region];
  return disk === 'st1' ? regionPrices.ebsSt1GibMonth.usd : regionPrices.ebsGp3GibMonth.usd;
}

/** USD per GiB sent from `from` to another AWS region; a clear error where the rate was not read. */
export function interRegionTransferUsdPerGib(from: AwsRegion): number {
  const rate = prices.awsInterRegionTransferOutPerGib[from];
  if (!rate) {
    const known = Object.keys(prices.awsInterRegionTransferOutPerGib).join(', ');
    throw new RangeError(`no inter-region transfer price from ${from} in the price data (known: ${known})`);
  }
  return rate.usd;
}

/** GiB a month vmagent sends for `samplesPerSecond` at `bytesPerSample` on the wire. */
export function remoteWriteGibPerMonth(samplesPerSecond: number, bytesPerSample: number): number {
  return (
    (requireNonNegative('samplesPerSecond', samplesPerSecond) *
      requirePositive('bytesPerSample', bytesPerSample) *
      SECONDS_PER_MONTH) /
    GiB
  );
}

/** The monthly bill of a sized cluster placed in a region, in three line items: compute, storage, transfer. */
export function vmMonthlyCost(s: VmSizing, placement: VmPlacement): RegionCost {
  const { region } = placement;
  const roles = ['vminsert', 'vmselect', 'vmstorage'] as const;
  const hourly = roles.reduce(
    (sum, role) => sum + s.nodes[role] * ec2HourlyUsd(s.instanceTypes[role], region),
    0,
  );
  const compute = hourly * HOURS_PER_MONTH;
  const storage = s.diskGiB * ebsGibMonthUsd(region, placement.disk ?? 'gp3');
  const workloadRegion = placement.workloadRegion ?? region;
  // vmagent sends each sample once; vminsert makes the copies inside the cluster's own region.
  const transfer =
    workloadRegion === region
      ? 0
      : remoteWriteGibPerMonth(
          s.samplesPerSecond,
          placement.remoteWriteBytesPerSample ?? vmLabMeasurement.remoteWriteBytesPerSample.value,
        ) * interRegionTransferUsdPerGib(workloadRegion);
  return { region, compute, storage, transfer, total: compute + storage + transfer };
}

/** Compute and gp3 storage of the cluster in a region, with its workloads in the same region (no transfer). */
export function vmMonthlyCostByRegion(s: VmSizing, region: AwsRegion): RegionCost {
  return vmMonthlyCost(s, { region });
}

/** Monthly cost of the same cluster in each region, cheapest first. */
export function vmRegionComparison(s: VmSizing, regions: readonly AwsRegion[] = awsRegions): RegionCost[] {
  return regions.map((region) => vmMonthlyCostByRegion(s, region)).sort((a, b) => a.total - b.total);
}

/** One-time cost of copying stored history (decimal terabytes, as a story quotes them) out of `from`. */
export function historyTransferCost(storedTerabytes: number, from: AwsRegion): number {
  return (
    ((requireNonNegative('storedTerabytes', storedTerabytes) * TB) / GiB) * interRegionTransferUsdPerGib(from)
  );
}

export type VmLeverName = 'region' | 'instance family' | 'disk type' | 'replication' | 'combined';

export interface VmLever {
  lever: VmLeverName;
  /** What changes against the baseline, in words. */
  change: string;
  cost: RegionCost;
  /** USD per month saved against the baseline (negative: it costs more). */
  saving: number;
  /** saving / baseline total. */
  savingShare: number;
}

export interface VmLeverInput {
  load: Omit<VmSizingInput, 'architecture' | 'replicationFactor'>;
  /** Replication factor of the cluster today. */
  replicationFactor: number;
  /** Where the cluster and its workloads run today (default eu-west-1, the story's). */
  from?: AwsRegion;
  /** Where the storage could move (default ap-south-1, the story's); the workloads stay in `from`. */
  to?: AwsRegion;
}

/**
 * Story 8's levers, each pulled alone against today's cluster (Intel, gp3, workloads and cluster in
 * `from`), then the region move combined with Graviton and with st1: which ones give a drastic cut.
 */
export function vmLevers(input: VmLeverInput): { baseline: RegionCost; levers: VmLever[] } {
  const from = input.from ?? 'eu-west-1';
  const to = input.to ?? 'ap-south-1';
  const rf = input.replicationFactor;
  const size = (architecture: CpuArchitecture, replicationFactor: number) =>
    vmClusterSizing({ ...input.load, architecture, replicationFactor });
  const today = size('x86_64', rf);
  const baseline = vmMonthlyCost(today, { region: from });
  const otherRf = rf > 1 ? 1 : 2;
  const moved = { region: to, workloadRegion: from } as const;
  const rows: Array<[VmLeverName, string, RegionCost]> = [
    ['region', `storage cluster moved to ${to}, workloads stay in ${from}`, vmMonthlyCost(today, moved)],
    [
      'instance family',
      `Graviton (r6g/c6g/m6g) instead of Intel in ${from}`,
      vmMonthlyCost(size('arm64', rf), { region: from }),
    ],
    ['disk type', `st1 HDD instead of gp3 in ${from}`, vmMonthlyCost(today, { region: from, disk: 'st1' })],
    [
      'replication',
      `replication factor ${otherRf} instead of ${rf} in ${from}`,
      vmMonthlyCost(size('x86_64', otherRf), { region: from }),
    ],
    ['combined', `Graviton in ${to}, workloads in ${from}`, vmMonthlyCost(size('arm64', rf), moved)],
    [
      'combined',
      `Graviton and st1 in ${to}, workloads in ${from}`,
      vmMonthlyCost(size('arm64', rf), { ...moved, disk: 'st1' }),
    ],
  ];
  return {
    baseline,
    levers: rows.map(([lever, change, cost]) => ({
      lever,
      change,
      cost,
      saving: baseline.total - cost.total,
      savingShare: baseline.total === 0 ? 0 : (baseline.total - cost.total) / baseline.total,
    })),
  };
}
