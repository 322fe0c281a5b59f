// Story 8's cluster sized and priced by @storylabs/models: the sizing, each region's monthly bill in
// three line items, the levers one at a time, and the one-time history transfer.
//   node labs/vm-cost-sizing/scripts/size.ts [--bytes-per-sample B] [--ram-per-series B] [--wire-bytes B]
//                                            [--reference] [--replication N] [--series N] [--interval S]
//                                            [--retention M]
// Without per-sample costs it sizes with VictoriaMetrics' published guidance; --reference takes the
// lab's own measurement (packages/models, vmLabMeasurement) for any cost not given.
import { parseArgs } from 'node:util';
import {
  awsRegions,
  formatBytes,
  formatNumber,
  formatUsd,
  GiB,
  historyTransferCost,
  storyFigures,
  vmClusterSizing,
  vmLabMeasurement,
  vmLevers,
  vmMonthlyCost,
} from '@storylabs/models';

const { values } = parseArgs({
  options: {
    'bytes-per-sample': { type: 'string' },
    'ram-per-series': { type: 'string' },
    'wire-bytes': { type: 'string' },
    reference: { type: 'boolean', default: false },
    replication: { type: 'string', default: '1' },
    series: { type: 'string', default: String(storyFigures.metricsSeriesPerMinute.value) },
    interval: { type: 'string', default: '60' },
    retention: { type: 'string', default: String(storyFigures.metricsRetentionMonths.value) },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: size.ts [--bytes-per-sample B] [--ram-per-series B] [--wire-bytes B] [--reference] [--replication N] [--series N] [--interval S] [--retention M]\n' +
      "  --reference  any per-sample cost not given is the lab's own measurement, not VictoriaMetrics' published guidance",
  );
  process.exit(0);
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a number greater than 0, got '${text}'`);
    process.exit(2);
  }
  return value;
}

const reference = values.reference === true;
const bytesPerSampleOnDisk =
  number('bytes-per-sample', values['bytes-per-sample']) ??
  (reference ? vmLabMeasurement.bytesPerSampleOnDisk.value : undefined);
const ramBytesPerActiveSeries =
  number('ram-per-series', values['ram-per-series']) ??
  (reference ? vmLabMeasurement.ramBytesPerActiveSeries.value : undefined);
const wire = number('wire-bytes', values['wire-bytes']) ?? vmLabMeasurement.remoteWriteBytesPerSample.value;
const load = {
  activeSeries: Math.round(number('series', values.series) as number),
  scrapeIntervalSeconds: number('interval', values.interval) as number,
  retentionMonths: number('retention', values.retention) as number,
  ...(bytesPerSampleOnDisk ? { bytesPerSampleOnDisk } : {}),
  ...(ramBytesPerActiveSeries ? { ramBytesPerActiveSeries } : {}),
};
const replicationFactor = Math.round(number('replication', values.replication) as number);

try {
  const sizing = vmClusterSizing({ ...load, replicationFactor });
  const { nodes, instanceTypes } = sizing;
  console.log(
    `Load: ${formatNumber(load.activeSeries)} active series every ${load.scrapeIntervalSeconds} s = ${formatNumber(Math.round(sizing.samplesPerSecond))} samples/s, ${load.retentionMonths} months, replication factor ${replicationFactor}`,
  );
  console.log(
    `Per-sample costs: ${bytesPerSampleOnDisk ?? '1 (guide)'} bytes on disk, ${ramBytesPerActiveSeries ?? '7,670 (Grammarly)'} bytes of RAM per series, ${wire} bytes per sample on the wire`,
  );
  console.log(
    `Cluster: ${nodes.vmstorage} × ${instanceTypes.vmstorage} vmstorage, ${nodes.vminsert} × ${instanceTypes.vminsert} vminsert, ${nodes.vmselect} × ${instanceTypes.vmselect} vmselect; ${formatBytes(sizing.diskGiB * GiB)} of disk; ${Math.round(sizing.ramGiB)} GiB RAM, ${sizing.vcpus} vCPUs needed\n`,
  );
  console.log('Monthly cost per region, workloads in the same region (Intel, gp3):');
  for (const region of awsRegions) {
    const c = vmMonthlyCost(sizing, { region });
    console.log(
      `  ${region.padEnd(15)} compute ${formatUsd(c.compute).padStart(9)}  storage ${formatUsd(c.storage).padStart(9)}  total ${formatUsd(c.total).padStart(9)}`,
    );
  }
  const moved = vmMonthlyCost(sizing, {
    region: 'ap-south-1',
    workloadRegion: 'eu-west-1',
    remoteWriteBytesPerSample: wire,
  });
  console.log(
    `\nStorage in ap-south-1, workloads in eu-west-1: compute ${formatUsd(moved.compute)}, storage ${formatUsd(moved.storage)}, transfer ${formatUsd(moved.transfer)}, total ${formatUsd(moved.total)}\n`,
  );
  const { baseline, levers } = vmLevers({ load, replicationFactor });
  console.log(
    `Levers against today (eu-west-1, Intel, gp3, RF ${replicationFactor}: ${formatUsd(baseline.total)} a month):`,
  );
  for (const l of levers) {
    const sign = l.saving >= 0 ? 'saves' : 'costs';
    console.log(
      `  ${l.lever.padEnd(16)} ${l.change.padEnd(62)} ${formatUsd(l.cost.total).padStart(9)}  ${sign} ${formatUsd(Math.abs(l.saving))} (${Math.round(Math.abs(l.savingShare) * 100)}%)`,
    );
  }
  console.log(
    `\nOne-time: copying the story's ${storyFigures.metricsDataTerabytes.value} TB out of eu-west-1 costs ${formatUsd(historyTransferCost(storyFigures.metricsDataTerabytes.value, 'eu-west-1'))}.`,
  );
} catch (error) {
  if (error instanceof RangeError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
