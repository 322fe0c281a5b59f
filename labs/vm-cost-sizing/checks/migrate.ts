// Part 3: the move from region-a to region-b, judged from what the regions, vmauth and the prober show.
import type { CheckContext, CheckResult } from '@storylabs/lab-kit/manifest';
import { historyFigures } from './setup.ts';
import {
  basicAuth,
  clock,
  exportRaw,
  fetchText,
  flush,
  historyRecord,
  instantQuery,
  isUp,
  PROBER_PORT,
  SCRAPE_INTERVAL_S,
  VMAUTH_PORT,
} from './vm.ts';

/** A gap longer than this between two heartbeat samples means samples are missing (a vmagent restart may cost one or two scrapes, no more). */
export const MAX_GAP_S = 3.5 * SCRAPE_INTERVAL_S;
const now = () => Date.now() / 1000;

/**
 * When vmagent began writing to region-b: the first time region-b's own counter of remote-written
 * rows (self-scraped every 10 s) is above zero. Undefined while it never was.
 */
export async function dualWriteStart(ctx: CheckContext): Promise<number | undefined> {
  const series = await exportRaw(
    ctx,
    'region-b',
    'vm_rows_inserted_total{instance="region-b",type="promremotewrite"}',
  );
  let first: number | undefined;
  for (const s of series) {
    s.timestamps.forEach((t, i) => {
      if ((s.values[i] ?? 0) > 0 && (first === undefined || t / 1000 < first)) first = t / 1000;
    });
  }
  return first;
}

async function heartbeatTimes(ctx: CheckContext, region: string, start: number): Promise<number[]> {
  const series = await exportRaw(ctx, region, 'lab_writer_heartbeat', start - 60);
  return [...new Set(series.flatMap((s) => s.timestamps.map((t) => t / 1000)))].sort((a, b) => a - b);
}

export async function checkDualWrite(ctx: CheckContext): Promise<CheckResult> {
  if (!(await isUp(ctx, 'region-b')))
    return { ok: false, reason: 'region-b does not answer /health: is it running?' };
  await flush(ctx, 'region-b');
  const times = await heartbeatTimes(ctx, 'region-b', now() - 60);
  const last = times.at(-1);
  if (last === undefined || now() - last > 6 * SCRAPE_INTERVAL_S) {
    return {
      ok: false,
      reason: `region-b has received no sample of lab_writer_heartbeat in the last ${6 * SCRAPE_INTERVAL_S} s: vmagent does not write to region-b`,
    };
  }
  const start = await dualWriteStart(ctx);
  return { ok: true, detail: `vmagent writes to region-b since ${start ? clock(start) : 'recently'} (UTC)` };
}

export async function checkNoGap(ctx: CheckContext): Promise<CheckResult> {
  const record = historyRecord(ctx);
  if (!(await isUp(ctx, 'region-b')))
    return { ok: false, reason: 'region-b does not answer /health: is it running?' };
  await flush(ctx, 'region-b');
  const dual = await dualWriteStart(ctx);
  if (dual === undefined) {
    return {
      ok: false,
      reason: 'vmagent has not written to region-b yet, so there is nothing to check for gaps',
    };
  }
  const end = now() - 2 * SCRAPE_INTERVAL_S;
  const times = (await heartbeatTimes(ctx, 'region-b', record.start)).filter(
    (t) => t >= record.start && t <= end,
  );
  const points = [record.start - 0.001, ...times, end];
  const gaps: Array<[number, number]> = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as number;
    const b = points[i] as number;
    if (b - a > MAX_GAP_S) gaps.push([a, b]);
  }
  if (gaps.length === 0) {
    return {
      ok: true,
      detail: `lab_writer_heartbeat is continuous in region-b from ${clock(record.start)} to ${clock(end)} (UTC); dual writing began at ${clock(dual)}`,
    };
  }
  const describe = ([a, b]: [number, number]) => {
    const span = `${clock(a)} to ${clock(b)} (${Math.round(b - a)} s)`;
    return b <= dual + 2 * SCRAPE_INTERVAL_S
      ? `${span}, before dual writing began at ${clock(dual)}: the backfill from region-a did not cover it`
      : `${span}, after dual writing began at ${clock(dual)}: samples written to region-b were lost`;
  };
  return {
    ok: false,
    reason: `region-b has no lab_writer_heartbeat samples from ${gaps.slice(0, 3).map(describe).join('; and from ')}${gaps.length > 3 ? ` (and ${gaps.length - 3} more gaps)` : ''} (times UTC)`,
  };
}

export async function checkBackfill(ctx: CheckContext): Promise<CheckResult> {
  const record = historyRecord(ctx);
  if (!(await isUp(ctx, 'region-b')))
    return { ok: false, reason: 'region-b does not answer /health: is it running?' };
  await flush(ctx, 'region-b');
  await fetchText(ctx, 'region-b', 8428, '/internal/resetRollupResultCache');
  const have = await historyFigures(ctx, 'region-b', record);
  const window = `${clock(record.start)}–${clock(record.end)} UTC`;
  if (have.series !== record.series || have.samples !== record.samples) {
    return {
      ok: false,
      reason: `for the history window ${window}, region-b holds ${have.series} of the ${record.series} series and ${have.samples} of the ${record.samples} samples region-a had: the history has not been backfilled${have.samples > 0 ? ' completely' : ''}`,
    };
  }
  if (Math.abs(have.sum - record.sum) > Math.abs(record.sum) * 1e-9) {
    return {
      ok: false,
      reason: `for the history window ${window}, region-b holds every sample but their values add up to ${have.sum} instead of region-a's ${record.sum}`,
    };
  }
  return {
    ok: true,
    detail: `region-b holds the ${record.series} series and ${record.samples} samples of ${window}, with the same sum as region-a had`,
  };
}

/** Which region answers reads through vmauth: the one whose own self-scraped metrics are fresh there. */
async function answeringRegion(ctx: CheckContext): Promise<string | undefined> {
  const result = await instantQuery(
    ctx,
    'vmauth',
    'timestamp(vm_app_uptime_seconds{job="victoria-metrics"})',
    undefined,
    VMAUTH_PORT,
    basicAuth(),
  );
  const fresh = result
    .filter((r) => now() - Number(r.value[1]) < 6 * SCRAPE_INTERVAL_S)
    .sort((a, b) => Number(b.value[1]) - Number(a.value[1]));
  return fresh[0]?.metric.instance;
}

export async function checkReadsSwitched(ctx: CheckContext): Promise<CheckResult> {
  let region: string | undefined;
  try {
    region = await answeringRegion(ctx);
  } catch (error) {
    return {
      ok: false,
      reason: `a read through vmauth failed (${error instanceof Error ? error.message : String(error)}): vmauth routes reads to a VictoriaMetrics that does not answer`,
    };
  }
  if (region !== 'region-b') {
    return {
      ok: false,
      reason: `reads through vmauth are answered by ${region ?? 'an unknown VictoriaMetrics'}, not region-b`,
    };
  }
  if (await isUp(ctx, 'region-a')) {
    return { ok: false, reason: 'reads go to region-b, but region-a still runs: retire it' };
  }
  return { ok: true, detail: 'reads through vmauth are answered by region-b; region-a no longer answers' };
}

interface ProberRun {
  from: number;
  to: number;
  count: number;
  ok: boolean;
  oldest: number | null;
  error: string | null;
}

interface ProberStatus {
  startedAt: number;
  probes: number;
  failures: number;
  runs: ProberRun[];
}

export async function checkReadsNeverFailed(ctx: CheckContext): Promise<CheckResult> {
  const record = historyRecord(ctx);
  if ((await isUp(ctx, 'region-b')) && (await dualWriteStart(ctx)) === undefined) {
    return { ok: false, reason: 'the move has not begun: vmagent does not write to region-b yet' };
  }
  const status = JSON.parse(await fetchText(ctx, 'prober', PROBER_PORT, '/status')) as ProberStatus;
  if (status.startedAt > record.setupDoneAt) {
    return {
      ok: false,
      reason: `the prober restarted at ${clock(status.startedAt)} UTC, so the record of reads before then is lost`,
    };
  }
  const since = status.runs.filter((r) => r.to >= record.setupDoneAt);
  const probes = since.reduce((n, r) => n + r.count, 0);
  const failed = since.filter((r) => !r.ok);
  if (failed.length > 0) {
    const count = failed.reduce((n, r) => n + r.count, 0);
    const first = failed[0] as ProberRun;
    const last = failed.at(-1) as ProberRun;
    return {
      ok: false,
      reason: `${count} of ${probes} reads through vmauth failed, between ${clock(first.from)} and ${clock(last.to)} UTC (first error: ${first.error})`,
    };
  }
  const blind = since.filter((r) => r.oldest === null || r.oldest > record.start + 60);
  if (blind.length > 0) {
    const count = blind.reduce((n, r) => n + r.count, 0);
    const first = blind[0] as ProberRun;
    const last = blind.at(-1) as ProberRun;
    const oldest = first.oldest === null ? 'no data at all' : `nothing older than ${clock(first.oldest)}`;
    return {
      ok: false,
      reason: `from ${clock(first.from)} to ${clock(last.to)} UTC, ${count} reads through vmauth saw ${oldest} while the history starts at ${clock(record.start)}: reads were switched to region-b before its backfill was complete`,
    };
  }
  return {
    ok: true,
    detail: `${probes} reads through vmauth since setup, none failed, every one saw the history from ${clock(record.start)} UTC`,
  };
}
