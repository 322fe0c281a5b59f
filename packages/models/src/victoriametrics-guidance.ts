// VictoriaMetrics' published capacity-planning guidance, as data. VictoriaMetrics publishes no
// fixed "RAM per series" or "samples per core" rule (it asks you to test your own workload), so
// those two ratios come from the closest published production cluster: Grammarly's, in
// VictoriaMetrics' case studies, at 35M active series, near story 8's 30M.

import type { Figure, Source } from './types.ts';

const setupSizeGuide: Source = {
  title: 'VictoriaMetrics docs, Understand Your Setup Size (Retention Period/Disk Space)',
  url: 'https://docs.victoriametrics.com/guides/understand-your-setup-size/',
  retrieved: '2026-11-26',
};

const clusterCapacityPlanning: Source = {
  title: 'VictoriaMetrics docs, Cluster version: Capacity planning',
  url: 'https://docs.victoriametrics.com/victoriametrics/cluster-victoriametrics/#capacity-planning',
  retrieved: '2026-11-26',
};

const clusterReplication: Source = {
  title: 'VictoriaMetrics docs, Cluster version: Replication and data safety',
  url: 'https://docs.victoriametrics.com/victoriametrics/cluster-victoriametrics/#replication-and-data-safety',
  retrieved: '2026-11-26',
};

const clusterSetup: Source = {
  title: 'VictoriaMetrics docs, Cluster version: Cluster setup',
  url: 'https://docs.victoriametrics.com/victoriametrics/cluster-victoriametrics/#cluster-setup',
  retrieved: '2026-11-26',
};

const grammarlyCaseStudy: Source = {
  title: 'VictoriaMetrics case studies: Grammarly (cluster version, production numbers)',
  url: 'https://docs.victoriametrics.com/victoriametrics/casestudies/#grammarly',
  retrieved: '2026-11-26',
};

export const victoriaMetricsGuidance = {
  /** "On average, sample size requires less or around 1 byte after compression." */
  bytesPerSampleOnDisk: { value: 1, unit: 'bytes per sample, compressed', source: setupSizeGuide },
  /** "Usually, index takes about 20% of the disk space for storing data." */
  indexShareOfData: { value: 0.2, unit: 'index size as a fraction of data size', source: setupSizeGuide },
  /** "Keep at least 20% of free space": the guide's formula multiplies by 1.25. */
  freeDiskShare: {
    value: 0.2,
    unit: 'fraction of the data directory kept free',
    source: clusterCapacityPlanning,
  },
  /** Retention above 30 days is stored in monthly partitions, so one extra month sits on disk. */
  retentionCycleThresholdDays: {
    value: 30,
    unit: 'days of retention above which the extra retention cycle is a month, not a day',
    source: setupSizeGuide,
  },
  spareRamShare: {
    value: 0.5,
    unit: 'fraction of RAM left free on every node type',
    source: clusterCapacityPlanning,
  },
  spareCpuShare: {
    value: 0.5,
    unit: 'fraction of CPU left spare on every node type',
    source: clusterCapacityPlanning,
  },
  /** "vminsert stores N copies for every ingested sample on N distinct vmstorage nodes." */
  defaultReplicationFactor: {
    value: 1,
    unit: 'copies of each sample; replication is best left to durable disks such as EBS',
    source: clusterReplication,
  },
  /** "It is recommended to run at least two nodes for each service for high availability." */
  minNodesPerServiceForHa: { value: 2, unit: 'nodes of each service', source: clusterSetup },
  grammarlyActiveSeries: { value: 35_000_000, unit: 'active time series', source: grammarlyCaseStudy },
  grammarlyIngestionRate: { value: 950_000, unit: 'samples per second', source: grammarlyCaseStudy },
  grammarlyCpuCores: { value: 12, unit: 'CPU cores used, whole cluster', source: grammarlyCaseStudy },
  /** VictoriaMetrics writes "GB" for 2^30 bytes (its own disk example divides by 2^30), so GiB here. */
  grammarlyRamGiB: { value: 250, unit: 'GiB of RAM used, whole cluster', source: grammarlyCaseStudy },
} as const satisfies Record<string, Figure>;

const labMeasurement: Source = {
  title:
    "vm-cost-sizing lab of this repository: Debian's VictoriaMetrics 1.79 single node and vmagent, " +
    '20,000 series scraped every 10 s, 2 hours of history; read from their /metrics (see the lab README)',
  url: 'labs/vm-cost-sizing/README.md',
  retrieved: '2026-12-01',
};

/**
 * The lab's reference measurement of per-sample costs on a real VictoriaMetrics (not a published
 * rule: one small workload on one machine; the lab's README says how to measure it again).
 */
export const vmLabMeasurement = {
  /** vmagent_remotewrite_bytes_sent_total / vmagent_remotewrite_block_size_rows_sum (Prometheus remote write, snappy). */
  remoteWriteBytesPerSample: {
    value: 17.1,
    unit: 'bytes per sample sent by vmagent',
    source: labMeasurement,
  },
  /** sum(vm_data_size_bytes{type=~"storage/.*"}) / sum(vm_rows{type=~"storage/.*"}) after a merge. */
  bytesPerSampleOnDisk: { value: 0.75, unit: 'bytes per sample on disk, compressed', source: labMeasurement },
  /** process_resident_memory_bytes / vm_cache_entries{type="storage/hour_metric_ids"}. */
  ramBytesPerActiveSeries: {
    value: 8500,
    unit: 'bytes of resident memory per active series',
    source: labMeasurement,
  },
} as const satisfies Record<string, Figure>;
