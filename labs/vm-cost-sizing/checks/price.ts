// Part 2: story 8's workload sized and priced by @storylabs/models, the same functions and inputs
// as the site's calculator (site/src/lib/calculators.ts, vmResult).
import {
  historyTransferCost,
  interRegionTransferUsdPerGib,
  remoteWriteGibPerMonth,
  storyFigures,
  type VmSizingInput,
  vmClusterSizing,
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

export function storySizing() {
  return vmClusterSizing(storyLoad);
}

/** Compute + gp3 storage of the story's Intel cluster in a region, per month. */
export function monthlyCost(region: typeof FROM | typeof TO): number {
  return vmMonthlyCostByRegion(storySizing(), region).total;
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
