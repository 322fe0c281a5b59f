// Part 1: the figures a learner reads from VictoriaMetrics' own /metrics and API, read the same way
// by the checks. Each is read from region-a while it runs and remembered (ctx.store), so answers are
// still checked after region-a is retired.
import type { CheckContext } from '@storylabs/lab-kit/manifest';
import { isUp, readMetrics, scalarQuery, sumOf, VM_PORT, VMAGENT_PORT } from './vm.ts';

export type Figure =
  | 'ingestionRate'
  | 'activeSeries'
  | 'bytesPerSample'
  | 'memoryPerSeries'
  | 'remoteWriteBytesPerSample';

async function readFromRegionA(ctx: CheckContext, figure: Figure): Promise<number> {
  if (figure === 'remoteWriteBytesPerSample') {
    const agent = await readMetrics(ctx, 'vmagent', VMAGENT_PORT);
    const bytes = sumOf(agent, 'vmagent_remotewrite_bytes_sent_total');
    const rows = sumOf(agent, 'vmagent_remotewrite_block_size_rows_sum');
    if (rows === 0) throw new Error('vmagent has sent no samples yet: wait for a scrape and try again');
    return bytes / rows;
  }
  if (figure === 'ingestionRate') {
    return scalarQuery(
      ctx,
      'region-a',
      'sum(rate(vm_rows_inserted_total{instance="region-a",type="promremotewrite"}[5m]))',
    );
  }
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
