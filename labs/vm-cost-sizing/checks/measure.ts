// Part 1: the figures a learner reads from VictoriaMetrics' own /metrics and API, read the same way
// by the checks. Each is read from region-a while it runs and remembered (ctx.store), so answers are
// still checked after region-a is retired.
import type { CheckContext } from '@storylabs/lab-kit/manifest';
import { exportRaw, isUp, readMetrics, SCRAPE_INTERVAL_S, sumOf, VM_PORT, VMAGENT_PORT } from './vm.ts';

export type Figure =
  | 'ingestionRate'
  | 'activeSeries'
  | 'bytesPerSample'
  | 'memoryPerSeries'
  | 'remoteWriteBytesPerSample';

/**
 * How many seconds of region-a's own row counter the ingestion rate is read over, at least. vmagent
 * writes a whole scrape (about 20,000 rows) at once every 10 s, so the counter climbs in steps: over
 * 120 s, one step more or less moves the rate by 8%, well inside the answer's tolerance. Over
 * region-a's first two or three self-scrapes it could read half the true rate.
 */
export const RATE_SPAN_S = 12 * SCRAPE_INTERVAL_S;
/** How far back the rate looks, like the hint's `rate(...[5m])`. */
const RATE_WINDOW_S = 300;

/**
 * A counter's rate per second from its raw samples (timestamps in ms): every increase between
 * neighbours, counting a drop (a restart) as an increase from zero, over the time the samples span.
 */
export function counterRate(timestamps: number[], values: number[]): { perSecond: number; spanS: number } {
  let increase = 0;
  for (let i = 1; i < values.length; i++) {
    const before = values[i - 1] as number;
    const now = values[i] as number;
    increase += now >= before ? now - before : now;
  }
  const spanS =
    timestamps.length < 2 ? 0 : ((timestamps.at(-1) as number) - (timestamps[0] as number)) / 1000;
  return { perSecond: spanS > 0 ? increase / spanS : 0, spanS };
}

/** region-a's remote-write ingestion rate, from the raw samples of its own counter. */
async function ingestionRate(ctx: CheckContext): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const series = await exportRaw(
    ctx,
    'region-a',
    'vm_rows_inserted_total{instance="region-a",type="promremotewrite"}',
    now - RATE_WINDOW_S,
    now,
  );
  if (series.length === 0) {
    throw new Error(
      'region-a has not counted any row from vmagent yet: its own metrics are scraped every 10 s, try again in a minute',
    );
  }
  let perSecond = 0;
  let spanS = Number.POSITIVE_INFINITY;
  for (const { timestamps, values } of series) {
    const rate = counterRate(timestamps, values);
    perSecond += rate.perSecond;
    spanS = Math.min(spanS, rate.spanS);
  }
  if (spanS < RATE_SPAN_S) {
    throw new Error(
      `region-a has counted vmagent's rows for ${Math.round(spanS)} s; a steady rate needs ${RATE_SPAN_S} s of them: try again in ${Math.ceil(RATE_SPAN_S - spanS)} s`,
    );
  }
  return perSecond;
}

async function readFromRegionA(ctx: CheckContext, figure: Figure): Promise<number> {
  if (figure === 'remoteWriteBytesPerSample') {
    const agent = await readMetrics(ctx, 'vmagent', VMAGENT_PORT);
    const bytes = sumOf(agent, 'vmagent_remotewrite_bytes_sent_total');
    const rows = sumOf(agent, 'vmagent_remotewrite_block_size_rows_sum');
    if (rows === 0) throw new Error('vmagent has sent no samples yet: wait for a scrape and try again');
    return bytes / rows;
  }
  if (figure === 'ingestionRate') return ingestionRate(ctx);
  const metrics = await readMetrics(ctx, 'region-a', VM_PORT);
  const active = sumOf(metrics, 'vm_cache_entries', { type: 'storage/hour_metric_ids' });
  if (figure === 'activeSeries') return active;
  if (figure === 'memoryPerSeries') {
    if (active === 0) throw new Error('region-a counts no active series yet');
    return sumOf(metrics, 'process_resident_memory_bytes') / active;
  }
  const rows = sumOf(metrics, 'vm_rows', { type: /storage\/.*/ });
  if (rows === 0) throw new Error('region-a stores no rows yet');
  return sumOf(metrics, 'vm_data_size_bytes', { type: /storage\/.*/ }) / rows;
}

/** The figure as region-a shows it now, or as it last showed it when region-a has been retired. */
export async function measured(ctx: CheckContext, figure: Figure): Promise<number> {
  const key = `measured:${figure}`;
  const needsRegionA = figure !== 'remoteWriteBytesPerSample';
  if (!needsRegionA || (await isUp(ctx, 'region-a'))) {
    try {
      const value = await readFromRegionA(ctx, figure);
      if (Number.isFinite(value) && value > 0) {
        ctx.store.set(key, value);
        return value;
      }
      throw new Error(
        `region-a has not recorded enough samples to show ${figure} yet: its own metrics are scraped every 10 s, try again in a minute`,
      );
    } catch (error) {
      if (ctx.store.get<number>(key) === undefined) throw error;
    }
  }
  const remembered = ctx.store.get<number>(key);
  if (remembered === undefined) {
    throw new Error(`region-a is not running and no earlier reading of ${figure} was recorded`);
  }
  return remembered;
}
