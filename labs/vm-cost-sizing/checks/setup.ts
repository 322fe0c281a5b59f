// Setup: give region-a hours of history in seconds of wall time, then record what that history holds
// (series, samples, sum of values) so the backfill check still works after region-a is retired.
import type { CheckContext } from '@storylabs/lab-kit/manifest';
import { exportRaw, fetchText, flush, type HistoryRecord, scalarQuery, sleep, VM_PORT } from './vm.ts';

/** Hours of history before the live data, at one sample every HISTORY_STEP_S per series (1.2 M samples). */
export const HISTORY_HOURS = 2;
export const HISTORY_STEP_S = 120;
/** Every workload series; the self-scraped vm_* series of each region are left out. */
export const WORKLOAD_SELECTOR = '{__name__=~"lab_.+"}';

/** Waits for vmagent's first scrape to land in region-a; returns its time (unix seconds). */
async function firstLiveSample(ctx: CheckContext): Promise<number> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    await flush(ctx, 'region-a');
    const series = await exportRaw(ctx, 'region-a', 'lab_writer_heartbeat');
    const first = Math.min(...series.flatMap((s) => s.timestamps));
    if (Number.isFinite(first)) return first / 1000;
    if (Date.now() > deadline) {
      throw new Error(
        'vmagent wrote nothing to region-a within 90 s of start: see `pnpm lab logs vm-cost-sizing vmagent`',
      );
    }
    await sleep(1000, ctx.signal);
  }
}

export async function backfillHistory(ctx: CheckContext): Promise<void> {
  const live = await firstLiveSample(ctx);
  // The history ends just before vmagent's first scrape, so the heartbeat runs on without a gap.
  const end = Math.floor(live) - 1;
  const start = end - HISTORY_HOURS * 3600;
  const generate =
    'set -e; flags=$(grep -E "^--(series|pod-lifetime)=" /etc/lab/workload.flags | tr "\\n" " "); ' +
    `python3 /opt/lab/workload.py history $flags --start ${start} --end ${end} --step ${HISTORY_STEP_S} ` +
    '| curl -sS --fail-with-body --data-binary @- http://region-a:8428/api/v1/import';
  const result = await ctx.exec('workload', ['sh', '-c', generate], { timeoutMs: 600_000 });
  if (result.exitCode !== 0) {
    throw new Error(
      `importing the history into region-a failed (${result.exitCode}): ${result.stderr || result.stdout}`,
    );
  }
  await flush(ctx, 'region-a');
  // Merge the imported parts now, as months of production data would be: the bytes-per-sample figure
  // learners read is the one "after merges".
  await fetchText(ctx, 'region-a', VM_PORT, '/internal/force_merge', { timeoutMs: 300_000 });
  await fetchText(ctx, 'region-a', VM_PORT, '/internal/resetRollupResultCache');
  const window = end - start + HISTORY_STEP_S / 2;
  const { series, samples, sum } = await historyFigures(ctx, 'region-a', { end, window });
  if (series === 0 || samples === 0) {
    throw new Error(`region-a shows no history after the import (${series} series, ${samples} samples)`);
  }
  const record: HistoryRecord = { start, end, window, series, samples, sum, setupDoneAt: Date.now() / 1000 };
  ctx.store.set('history', record);
  ctx.debug(`history ${start}..${end}: ${series} series, ${samples} samples, sum ${sum}`);
}

/** The figures of the history window as a region holds them now. */
export async function historyFigures(
  ctx: CheckContext,
  region: string,
  record: Pick<HistoryRecord, 'end' | 'window'>,
): Promise<{ series: number; samples: number; sum: number }> {
  const q = (text: string) => scalarQuery(ctx, region, text, record.end);
  const w = `${record.window}s`;
  return {
    series: await q(`count(count_over_time(${WORKLOAD_SELECTOR}[${w}]))`),
    samples: await q(`sum(count_over_time(${WORKLOAD_SELECTOR}[${w}]))`),
    sum: await q(`sum(sum_over_time(${WORKLOAD_SELECTOR}[${w}]))`),
  };
}
