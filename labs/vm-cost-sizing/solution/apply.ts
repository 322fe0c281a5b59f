// The reference migration, step by step, as a learner would type it in the containers' shells.
// Exported piecewise so the self-tests can also perform wrong orders of the same moves.
import type { CheckContext } from '@storylabs/lab-kit/manifest';
import { exportRaw, flush, sleep } from '../checks/vm.ts';

async function sh(ctx: CheckContext, service: string, script: string, timeoutMs = 120_000): Promise<string> {
  const result = await ctx.exec(service, ['sh', '-c', script], { timeoutMs });
  if (result.exitCode !== 0) {
    throw new Error(
      `in ${service}, \`${script}\` failed (${result.exitCode}): ${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}

/** Waits until region-b holds a heartbeat scraped after `since` (unix seconds). */
async function regionBReceives(ctx: CheckContext, since: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    await flush(ctx, 'region-b');
    const series = await exportRaw(ctx, 'region-b', 'lab_writer_heartbeat', Math.floor(since));
    if (series.some((s) => s.timestamps.some((t) => t / 1000 > since))) return;
    if (Date.now() > deadline) throw new Error('region-b received nothing from vmagent within 180 s');
    await sleep(1000, ctx.signal);
  }
}

/** vmagent writes every sample to region-b too; returns when region-b has received live samples. */
export async function startDualWrites(ctx: CheckContext): Promise<number> {
  await sh(
    ctx,
    'vmagent',
    'grep -q "region-b:8428" /etc/lab/vmagent.flags || echo "-remoteWrite.url=http://region-b:8428/api/v1/write" >> /etc/lab/vmagent.flags; svc restart',
  );
  const began = Date.now() / 1000;
  await regionBReceives(ctx, began);
  return began;
}

/**
 * Copies region-a's history into region-b, up to the moment dual writes began (what vmctl vm-native
 * does, as one export piped into one import: vmctl 1.79 insists on a terminal for its progress bar).
 */
export async function backfill(ctx: CheckContext, until: number): Promise<void> {
  const start = Math.floor(until - 30 * 86_400);
  // Exported to a file first, so a failed or cut-off export fails the backfill instead of importing
  // part of the history (a pipe would report only the import's exit status).
  await sh(
    ctx,
    'vmagent',
    'set -e; f=/tmp/history-native.bin; ' +
      `curl -sS --fail-with-body --retry 20 --retry-connrefused --retry-delay 1 -o "$f" http://region-a:8428/api/v1/export/native -d 'match[]={__name__!=""}' -d start=${start} -d end=${Math.ceil(until)}; ` +
      'test -s "$f"; ' +
      'curl -sS --fail-with-body --data-binary @"$f" http://region-b:8428/api/v1/import/native; rm -f "$f"; ' +
      'curl -sS --fail-with-body http://region-b:8428/internal/force_flush; ' +
      'curl -sS --fail-with-body http://region-b:8428/internal/resetRollupResultCache',
    600_000,
  );
}

/** vmauth sends reads to region-b; SIGHUP re-reads its config without dropping a request. */
export async function switchReads(ctx: CheckContext): Promise<void> {
  await sh(
    ctx,
    'vmauth',
    "sed -i 's#http://region-a:8428#http://region-b:8428#' /etc/lab/vmauth.yml && svc reload",
  );
  await sleep(2000, ctx.signal);
}

/** Stops region-a's VictoriaMetrics and vmagent's writes to it. */
export async function retireRegionA(ctx: CheckContext): Promise<void> {
  await sh(ctx, 'vmagent', "sed -i '/region-a:8428/d' /etc/lab/vmagent.flags && svc restart");
  await regionBReceives(ctx, Date.now() / 1000);
  await sh(ctx, 'region-a', 'svc stop');
}

export async function applySolution(ctx: CheckContext): Promise<void> {
  const began = await startDualWrites(ctx);
  await backfill(ctx, began);
  await switchReads(ctx);
  await retireRegionA(ctx);
}
