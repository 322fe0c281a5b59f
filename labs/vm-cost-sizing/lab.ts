import { type CheckContext, defineLab } from '@storylabs/lab-kit/manifest';
import { storyFigures } from '@storylabs/models';
import { measured } from './checks/measure.ts';
import {
  checkBackfill,
  checkDualWrite,
  checkNoGap,
  checkReadsNeverFailed,
  checkReadsSwitched,
} from './checks/migrate.ts';
import {
  FROM,
  monthlyCost,
  monthlyTransfer,
  oneTimeHistoryTransfer,
  perSampleCosts,
  sizedWith,
  TO,
} from './checks/price.ts';
import { backfillHistory } from './checks/setup.ts';
import { instructor } from './instructor.ts';
import { applySolution } from './solution/apply.ts';

const build = 'environment/vm';

const briefing = `Story 8's metrics platform, shrunk to fit a laptop. **region-a** is a VictoriaMetrics 1.79 (Debian's
package) standing in for the cluster in ${FROM}: it already holds two hours of history, and **vmagent**
scrapes a workload of about 20,000 series every 10 seconds and writes them to it. **region-b** is an
empty VictoriaMetrics standing in for ${TO}. Dashboards read through **vmauth** (user \`dashboards\`,
password \`dashboards\`), which sends every read to region-a. A **prober** asks vmauth a question once a
second for as long as the lab runs and remembers every answer.

**Part 1: measure.** Before pricing anything, find out what this VictoriaMetrics costs per sample and per
series. Every VictoriaMetrics component describes itself on \`/metrics\` (Prometheus text format: counters
and gauges you can read with \`curl\`), and the regions also store their own metrics every 10 s, so the same
figures can be queried with PromQL on \`/api/v1/query\` or seen in vmui at \`/vmui\`. vmagent has its own
\`/metrics\` too. Record each figure with \`pnpm lab answer vm-cost-sizing <objective> <value>\`.

**Part 2: size and price.** The story's cluster takes 30 million series a minute and keeps six months.
Size and price it with the VictoriaMetrics model in \`packages/models\`, fed with what one sample and one
series cost on the VictoriaMetrics you just measured: your Part 1 answers for bytes per sample on disk and
memory per series (the story page's calculator uses the same model;
\`node labs/vm-cost-sizing/scripts/size.ts\` prints its sizing, its three line items and the story's
levers, and takes your measurements as options). Is moving the storage to ${TO} worth it on its own?

**Part 3: move it with zero downtime.** Move the platform from region-a to region-b without losing a
sample and without a single failed read: afterwards region-b holds everything region-a had, reads go to
region-b, and region-a is retired. Each container runs one program under \`lab-run\`; its flags are in
\`/etc/lab/<service>.flags\` and \`svc status|restart|reload|stop|start\` controls it
(\`pnpm lab shell vm-cost-sizing <service>\`; \`nano\` is installed). Every container can reach the others by
name (\`region-a:8428\`, \`region-b:8428\`, \`vmagent:8429\`, \`vmauth:8427\`), and has \`curl\` and \`vmctl\`.
\`pnpm lab check vm-cost-sizing\` tells you where you stand at any moment.`;

const walkthrough = `**Part 1.** Ingestion: \`sum(rate(vm_rows_inserted_total{type="promremotewrite"}[5m]))\` on region-a (the
backfilled history arrived as \`type="vmimport"\` and is not ingestion). Active series:
\`vm_cache_entries{type="storage/hour_metric_ids"}\`, the series that received a sample this hour. Bytes per
sample: \`sum(vm_data_size_bytes{type=~"storage/.*"}) / sum(vm_rows{type=~"storage/.*"})\`. Memory per
series: \`process_resident_memory_bytes\` divided by the active series; a small VictoriaMetrics carries a
fixed overhead, so this errs high. vmagent's wire cost per sample is
\`vmagent_remotewrite_bytes_sent_total / vmagent_remotewrite_block_size_rows_sum\`.

**Part 2.** \`node labs/vm-cost-sizing/scripts/size.ts --bytes-per-sample B --ram-per-series R\`, with your
Part 1 answers as B and R (\`--reference\` for the lab's own measurement), prints the sizing (the story's load read as 30 M active
series scraped once a minute, replication factor 1, six months), the monthly bill in each region in three
line items, and the levers one at a time. With list prices, the move alone does not pay on Intel machines:
${TO} machines are a few percent cheaper, its gp3 disks are dearer, and every sample vmagent sends from
${FROM} crosses regions. The cut comes from Graviton, whose list prices in ${TO} are far below ${FROM}'s;
st1 disks help wherever the cluster runs. Copying the stored history once is small next to a month of the
cluster.

**Part 3.** The order that never loses a sample and never fails a read:
1. Dual writes: in vmagent, add \`-remoteWrite.url=http://region-b:8428/api/v1/write\` to
   \`/etc/lab/vmagent.flags\` and \`svc restart\` (vmagent keeps unsent data on disk across the restart).
   From now on region-b receives every new sample.
2. Backfill: copy region-a's history up to the moment dual writes began, e.g.
   \`vmctl vm-native --vm-native-src-addr=http://region-a:8428 --vm-native-dst-addr=http://region-b:8428
   --vm-native-filter-match='{__name__!=""}' --vm-native-filter-time-start=<a day ago> --vm-native-filter-time-end=<then>\`
   (vmctl 1.79 needs a terminal for its progress bar; \`curl .../api/v1/export/native | curl --data-binary @-
   .../api/v1/import/native\` does the same). Overlap with the dual writes is harmless: both regions run
   with \`-dedup.minScrapeInterval=1ms\`, so a sample that arrives twice is kept once.
3. Switch reads only now: in vmauth, point \`url_prefix\` in \`/etc/lab/vmauth.yml\` at region-b and
   \`svc reload\` (SIGHUP re-reads the file; a restart would drop the reads in flight).
4. Retire region-a: remove its \`-remoteWrite.url\` from vmagent (\`svc restart\`), then \`svc stop\` in region-a.

Switching reads before the backfill serves dashboards without their history (the prober notices);
skipping the backfill leaves region-b without it for good.`;

export default defineLab({
  id: 'vm-cost-sizing',
  title: 'Measure, size, price and move a VictoriaMetrics',
  story: 'stories/victoriametrics-region-move',
  summary:
    "Measure a real VictoriaMetrics' per-sample costs, price story 8's 30M series a minute lever by lever, and carry out the change the figures argue for without losing a sample or a read.",
  difficulty: 'advanced',
  minutes: 120,
  briefing,
  networks: {
    metrics: {
      subnet: '10.242.16.0/24',
      description: 'Both regions, vmagent, vmauth, the workload and the prober.',
    },
  },
  services: {
    'region-a': {
      build,
      command: ['lab-run', 'region-a', 'victoria-metrics'],
      description: `VictoriaMetrics 1.79 single node standing in for the cluster in ${FROM}; holds the history.`,
      ports: [{ container: 8428, label: 'region-a VictoriaMetrics', scheme: 'http' }],
      networks: [{ name: 'metrics', aliases: ['region-a'] }],
      wait: { type: 'http', path: '/health', port: 8428 },
      startupTimeoutMs: 180_000,
    },
    'region-b': {
      build,
      command: ['lab-run', 'region-b', 'victoria-metrics'],
      description: `An empty VictoriaMetrics 1.79 standing in for ${TO}.`,
      ports: [{ container: 8428, label: 'region-b VictoriaMetrics', scheme: 'http' }],
      networks: [{ name: 'metrics', aliases: ['region-b'] }],
      wait: { type: 'http', path: '/health', port: 8428 },
      startupTimeoutMs: 180_000,
    },
    workload: {
      build,
      command: ['lab-run', 'workload', 'python3'],
      description:
        'About 20,000 series of an imaginary fleet on /metrics, pods replaced now and then (churn).',
      ports: [{ container: 9100, label: 'workload /metrics', scheme: 'http' }],
      networks: [{ name: 'metrics', aliases: ['workload'] }],
      // /metrics builds 20,000 lines per request: slower than an HTTP probe's patience on a busy machine.
      wait: { type: 'log', message: 'series on :9100/metrics' },
      startupTimeoutMs: 180_000,
    },
    vmagent: {
      build,
      command: ['lab-run', 'vmagent', 'vmagent'],
      description: 'Scrapes the workload every 10 s and writes every sample to each -remoteWrite.url.',
      ports: [{ container: 8429, label: 'vmagent', scheme: 'http' }],
      networks: [{ name: 'metrics', aliases: ['vmagent'] }],
      wait: { type: 'http', path: '/health', port: 8429 },
      startupTimeoutMs: 180_000,
    },
    vmauth: {
      build,
      command: ['lab-run', 'vmauth', 'vmauth'],
      description: 'The read endpoint dashboards use (user dashboards, password dashboards).',
      ports: [{ container: 8427, label: 'vmauth (reads)', scheme: 'http' }],
      networks: [{ name: 'metrics', aliases: ['vmauth'] }],
      wait: { type: 'ports' },
      startupTimeoutMs: 180_000,
    },
    prober: {
      build,
      command: ['lab-run', 'prober', 'python3'],
      description:
        'Reads through vmauth once a second for the whole lab and remembers every answer (/status).',
      ports: [{ container: 9200, label: 'prober /status', scheme: 'http' }],
      networks: [{ name: 'metrics', aliases: ['prober'] }],
      dependsOn: ['vmauth'],
      wait: { type: 'http', path: '/status', port: 9200 },
      startupTimeoutMs: 180_000,
    },
  },
  setup: [{ title: 'Backfill two hours of history into region-a and record it', run: backfillHistory }],
  objectives: [
    {
      id: 'ingestion-rate',
      title: 'Part 1: how many samples a second region-a ingests',
      answer: {
        prompt: 'Samples per second vmagent writes into region-a',
        unit: 'samples/s',
        tolerance: { relative: 0.25 },
        expected: (ctx: CheckContext) => measured(ctx, 'ingestionRate'),
        measured: true,
      },
      hints: [
        'region-a counts every row it accepts in a counter on its /metrics, labelled by the protocol the row arrived with; vmagent uses Prometheus remote write.',
        'sum(rate(vm_rows_inserted_total{type="promremotewrite"}[5m])) on region-a. The history came in as type="vmimport" and is not ingestion.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'active-series',
      title: 'Part 1: how many active series region-a holds',
      answer: {
        prompt: 'Active series in region-a (series that received a sample this hour)',
        unit: 'series',
        tolerance: { relative: 0.15 },
        expected: (ctx: CheckContext) => measured(ctx, 'activeSeries'),
        measured: true,
      },
      hints: [
        'VictoriaMetrics keeps a cache of the series that received a sample in the current hour; its size is on /metrics.',
        'vm_cache_entries{type="storage/hour_metric_ids"}',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'bytes-per-sample',
      title: 'Part 1: bytes per sample on disk, after merges',
      answer: {
        prompt: 'Bytes one sample takes on region-a’s disk',
        unit: 'bytes',
        tolerance: { relative: 0.25 },
        expected: (ctx: CheckContext) => measured(ctx, 'bytesPerSample'),
        measured: true,
      },
      hints: [
        'Divide the size of the data parts by the number of rows they hold; both are on /metrics, per part type. Leave the index (indexdb) out.',
        'sum(vm_data_size_bytes{type=~"storage/.*"}) / sum(vm_rows{type=~"storage/.*"})',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'memory-per-series',
      title: 'Part 1: memory per active series',
      answer: {
        prompt: 'Resident memory of region-a divided by its active series',
        unit: 'bytes',
        tolerance: { relative: 0.3 },
        expected: (ctx: CheckContext) => measured(ctx, 'memoryPerSeries'),
        measured: true,
      },
      hints: [
        'The process reports its resident memory on /metrics like any Go program exporting process metrics.',
        'process_resident_memory_bytes / vm_cache_entries{type="storage/hour_metric_ids"}',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'cost-eu-west-1',
      title: `Part 2: the story's cluster, a month in ${FROM}`,
      answer: {
        prompt: `Monthly cost (EC2 + EBS gp3) of the story's cluster in ${FROM}, on Intel, replication factor 1, sized with the bytes per sample and memory per series you answered in Part 1`,
        unit: '$',
        tolerance: { relative: 0.02 },
        expected: (ctx: CheckContext) => monthlyCost(FROM, perSampleCosts(ctx)),
      },
      check: async (ctx: CheckContext) => ({ ok: true, detail: sizedWith(perSampleCosts(ctx)) }),
      hints: [
        'Run node labs/vm-cost-sizing/scripts/size.ts --bytes-per-sample <your answer> --ram-per-series <your answer>, or enter the same two figures in the calculator on the story page; both call vmClusterSizing and vmMonthlyCostByRegion from @storylabs/models. Until you have answered both Part 1 figures, the lab sizes with its own reference measurement (size.ts --reference).',
        `The line you want is the ${FROM} total: compute plus storage, no transfer (the workloads run in the same region).`,
      ],
    },
    {
      id: 'cost-ap-south-1',
      title: `Part 2: the same cluster, a month in ${TO}`,
      answer: {
        prompt: `Monthly cost (EC2 + EBS gp3) of the same cluster in ${TO}, before any transfer`,
        unit: '$',
        tolerance: { relative: 0.02 },
        expected: (ctx: CheckContext) => monthlyCost(TO, perSampleCosts(ctx)),
      },
      check: async (ctx: CheckContext) => ({ ok: true, detail: sizedWith(perSampleCosts(ctx)) }),
      hints: [
        `The same script prints every region; compare ${TO}'s compute and storage with ${FROM}'s line by line.`,
      ],
    },
    {
      id: 'transfer-per-month',
      title: `Part 2: the monthly transfer once the storage is in ${TO}`,
      answer: {
        prompt: `Monthly inter-region transfer when the story's vmagents in ${FROM} send every sample to ${TO}, at the bytes per sample your vmagent sends`,
        unit: '$',
        tolerance: { relative: 0.2 },
        expected: async (ctx: CheckContext) =>
          monthlyTransfer(await measured(ctx, 'remoteWriteBytesPerSample')),
        measured: true,
      },
      hints: [
        'vmagent counts the bytes it sends and the samples in them on its own /metrics (port 8429).',
        'vmagent_remotewrite_bytes_sent_total / vmagent_remotewrite_block_size_rows_sum gives bytes per sample; size.ts --wire-bytes <that> prints the transfer line.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'history-transfer',
      title: 'Part 2: the one-time cost of moving the history',
      answer: {
        prompt: `One-time inter-region transfer of the story's ${storyFigures.metricsDataTerabytes.value} TB of stored data out of ${FROM}`,
        unit: '$',
        tolerance: { relative: 0.02 },
        expected: () => oneTimeHistoryTransfer(),
      },
      hints: [
        'AWS bills inter-region transfer per GB (2^30 bytes) to the source region; the rate is in packages/models (prices.awsInterRegionTransferOutPerGib).',
        'The story quotes decimal terabytes: 35 × 10^12 bytes, converted to GiB, times the rate.',
      ],
    },
    {
      id: 'dual-write',
      title: 'Part 3: vmagent writes to region-b',
      check: checkDualWrite,
      hints: [
        'vmagent sends every sample to each -remoteWrite.url it is given; its flags are in /etc/lab/vmagent.flags in the vmagent container.',
        'Add -remoteWrite.url=http://region-b:8428/api/v1/write to /etc/lab/vmagent.flags and run `svc restart` there.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'no-gap',
      title: 'Part 3: region-b has every heartbeat, history included',
      check: checkNoGap,
      hints: [
        'Dual writes only cover samples from the moment they began; everything region-a received before then must be copied.',
        "vmctl vm-native (or an /api/v1/export/native piped into region-b's /api/v1/import/native) from region-a to region-b, for all series, up to the time dual writes began.",
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'backfill',
      title: 'Part 3: region-b holds the history region-a had',
      check: checkBackfill,
      hints: [
        'The check compares series, sample counts and sums of the two backfilled hours with what region-a held at setup.',
        'Copy every series ({__name__!=""}) from well before the history\'s start; a filter that misses a metric name shows up here.',
      ],
      timeoutMs: 180_000,
    },
    {
      id: 'reads-switched',
      title: 'Part 3: reads go to region-b, and region-a is retired',
      check: checkReadsSwitched,
      hints: [
        "vmauth's routing is in /etc/lab/vmauth.yml (url_prefix); `svc reload` re-reads it without dropping a request.",
        'Then stop sending to region-a (remove its -remoteWrite.url, `svc restart` in vmagent) and run `svc stop` in region-a.',
      ],
      timeoutMs: 60_000,
    },
    {
      id: 'reads-never-failed',
      title: 'Part 3: no read failed or came back without its history',
      check: checkReadsNeverFailed,
      hints: [
        'The prober (port 9200, /status) asks vmauth for the oldest heartbeat once a second; a failed read or an answer without the history counts against you.',
        'Switch reads only after the backfill, with `svc reload` rather than a restart. If this already failed, the record cannot be undone: `pnpm lab reset vm-cost-sizing` and move again.',
      ],
      timeoutMs: 60_000,
    },
  ],
  instructor,
  solution: { walkthrough, apply: applySolution },
});
