// Part 2: story 8's workload sized and priced by @storylabs/models, the same functions and inputs
// as the site's calculator (site/src/lib/calculators.ts, vmResult). The cluster is sized with the
// per-sample costs measured on a real VictoriaMetrics: the learner's own Part 1 answers once both are
// recorded, the lab's reference measurement (vmLabMeasurement) until then.
import type { CheckContext } from '@storylabs/lab-kit/manifest';
import {
  formatNumber,
  historyTransferCost,
  interRegionTransferUsdPerGib,
  remoteWriteGibPerMonth,
  storyFigures,
  type VmSizingInput,
  vmClusterSizing,
  vmLabMeasurement,
  vmMonthlyCostByRegion,
} from '@storylabs/models';

/** The story's load as the site's calculator reads it by default: 30M active series, 60 s, 6 months, RF 1. */
export const storyLoad = {
  activeSeries: storyFigures.metricsSeriesPerMinute.value,
  scrapeIntervalSeconds: 60,
  retentionMonths: storyFigures.metricsRetentionMonths.value,
  replicationFactor: 1,
} as const satisfies VmSizingInput;

export const FROM = 'eu-west-1';
export const TO = 'ap-south-1';

/** What one sample and one active series cost a VictoriaMetrics: the inputs a measurement gives the model. */
export interface PerSampleCosts {
  bytesPerSampleOnDisk: number;
  ramBytesPerActiveSeries: number;
  /** Whose figures these are, in words for a check's detail line. */
  from: string;
}

/** The lab's own reference measurement (packages/models, with its source and date). */
export const referenceCosts: PerSampleCosts = {
  bytesPerSampleOnDisk: vmLabMeasurement.bytesPerSampleOnDisk.value,
  ramBytesPerActiveSeries: vmLabMeasurement.ramBytesPerActiveSeries.value,
  from: "the lab's reference measurement",
};

/**
 * The per-sample costs Part 2 sizes with: the learner's answers to `bytes-per-sample` and
 * `memory-per-series` when both are recorded, otherwise the lab's reference measurement.
 */
export function perSampleCosts(ctx: Pick<CheckContext, 'answer'>): PerSampleCosts {
  const bytes = Number(ctx.answer('bytes-per-sample'));
  const ram = Number(ctx.answer('memory-per-series'));
  if (bytes > 0 && ram > 0) {
    return { bytesPerSampleOnDisk: bytes, ramBytesPerActiveSeries: ram, from: 'your Part 1 answers' };
  }
  return referenceCosts;
}

export function storySizing(costs: PerSampleCosts = referenceCosts) {
  return vmClusterSizing({
    ...storyLoad,
    bytesPerSampleOnDisk: costs.bytesPerSampleOnDisk,
    ramBytesPerActiveSeries: costs.ramBytesPerActiveSeries,
  });
}

/** Compute + gp3 storage of the story's Intel cluster in a region, per month. */
export function monthlyCost(region: typeof FROM | typeof TO, costs: PerSampleCosts = referenceCosts): number {
  return vmMonthlyCostByRegion(storySizing(costs), region).total;
}

/** The inputs a cost answer was checked with, and the cluster they size: a passing check's detail. */
export function sizedWith(costs: PerSampleCosts): string {
  const s = storySizing(costs);
  return (
    `sized with ${costs.from}: ${formatNumber(costs.bytesPerSampleOnDisk)} bytes per sample on disk, ` +
    `${formatNumber(Math.round(costs.ramBytesPerActiveSeries))} bytes of memory per active series ` +
    `(${s.nodes.vmstorage} × ${s.instanceTypes.vmstorage} vmstorage, ${formatNumber(Math.round(s.diskGiB))} GiB of gp3)`
  );
}

/** What vmagents in eu-west-1 sending every sample to a cluster in ap-south-1 cost a month. */
export function monthlyTransfer(remoteWriteBytesPerSample: number): number {
  return (
    remoteWriteGibPerMonth(storySizing().samplesPerSecond, remoteWriteBytesPerSample) *
    interRegionTransferUsdPerGib(FROM)
  );
}

/** Copying the story's stored data (35 TB) out of eu-west-1 once. */
export function oneTimeHistoryTransfer(): number {
  return historyTransferCost(storyFigures.metricsDataTerabytes.value, FROM);
}
