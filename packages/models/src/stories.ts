// The stories' own figures, as data with their source pages (one canonical address per story: the
// one2n.io page the site's story credits too), so pages and labs feed the models
// the same inputs. Where a figure needs reading (units, "per minute"), the comment says how.

import type { Figure, Source } from './types.ts';
import { gibFromTerabytes } from './units.ts';

const natStory: Source = {
  title: 'Pragmatic software engineering stories (One2N): Taming GCP networking cloud costs',
  url: 'https://one2n.io/pragmatic-software-engineering-stories/taming-gcp-networking-cloud-costs',
  retrieved: '2026-11-26',
};

const metricsStory: Source = {
  title:
    'Pragmatic software engineering stories (One2N): Migrating terabytes of metrics data with zero downtime',
  url: 'https://one2n.io/pragmatic-software-engineering-stories/migrating-terabytes-of-metrics-data-with-zero-downtime',
  retrieved: '2026-11-26',
};

const mysqlStory: Source = {
  title:
    'Pragmatic software engineering stories (One2N): Database reliability: migrating terabytes from self-hosted MySQL to GCP CloudSQL',
  url: 'https://one2n.io/pragmatic-software-engineering-stories/database-reliability-migrating-terabyte-from-self-hosted-mysql-to-gcp-cloudsql',
  retrieved: '2026-11-26',
};

const unblockingStory: Source = {
  title: 'Pragmatic software engineering stories (One2N): Unblocking team members',
  url: 'https://one2n.io/pragmatic-software-engineering-stories/unblocking-team-members',
  retrieved: '2026-11-26',
};

const backupStory: Source = {
  title:
    'Pragmatic software engineering stories (One2N): A case of terabyte-scale backup and recovery solution',
  url: 'https://one2n.io/pragmatic-software-engineering-stories/a-case-of-terabyte-scale-backup-and-recovery-solution',
  retrieved: '2026-11-26',
};

export const storyFigures = {
  /**
   * "100+ TB/month", in decimal TB as the story writes it: 10^14 bytes, which Cloud NAT bills as
   * 93,132 GiB (not 102,400 GiB: that would be 100 TiB). Use `natStoryTrafficGib`.
   */
  natTrafficPerMonth: {
    value: 100,
    unit: 'TB (decimal) per month pulled from the internet ("100+")',
    source: natStory,
  },
  /** Share of the NAT bill that was the per-GiB processing charge ("~80%"). */
  natProcessingShare: { value: 0.8, unit: 'fraction of the Cloud NAT bill', source: natStory },
  /** "30 million time series per minute": read as 30M active series each scraped once a minute. */
  metricsSeriesPerMinute: {
    value: 30_000_000,
    unit: 'time series ingested per minute',
    source: metricsStory,
  },
  metricsRetentionMonths: { value: 6, unit: 'months of retention ("6+")', source: metricsStory },
  metricsDataTerabytes: { value: 35, unit: 'TB of data ("35+ TB and growing")', source: metricsStory },
  metricsVmCount: { value: 50, unit: 'VMs in the cluster ("50+")', source: metricsStory },
  metricsMonthlyCostUsd: {
    value: 10_000,
    unit: 'USD per month for monitoring infrastructure ("> USD 10k")',
    source: metricsStory,
  },
  backupTerabytesPerDay: { value: 1.5, unit: 'TB per day of tar.gz logs', source: backupStory },
  backupRetentionDays: { value: 365, unit: 'days (1-year compliance retention)', source: backupStory },
  backupTerabytesPerYear: { value: 700, unit: 'TB per year, with growth ("~700 TB")', source: backupStory },
  mysqlTerabytes: { value: 1.5, unit: 'TB in the MySQL cluster ("more than 1.5 TB")', source: mysqlStory },
  mysqlTables: { value: 200, unit: 'tables ("200+")', source: mysqlStory },
  mysqlPeakWritesPerSecond: { value: 8000, unit: 'writes per second at peak', source: mysqlStory },
  unblockingBackupGigabytes: {
    value: 200,
    unit: 'GB in the backup tar ("200+ GB")',
    source: unblockingStory,
  },
  backupMachineCount: {
    value: 24,
    unit: 'SIEM machines, each building its archives nightly',
    source: backupStory,
  },
} as const satisfies Record<string, Figure>;

/** Story 6's monthly traffic in the GiB Cloud NAT bills: 100 decimal TB = 93,132.26 GiB. */
export const natStoryTrafficGib: number = gibFromTerabytes(storyFigures.natTrafficPerMonth.value);
