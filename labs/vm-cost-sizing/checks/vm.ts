// Reading the lab's VictoriaMetrics, vmagent and prober from the host, through their published ports.
import type { CheckContext } from '@storylabs/lab-kit/manifest';

export const VM_PORT = 8428;
export const VMAGENT_PORT = 8429;
export const VMAUTH_PORT = 8427;
export const PROBER_PORT = 9200;
/** vmauth's user for reads (etc/vmauth.yml). */
export const READ_USER = 'dashboards:dashboards';
/** vmagent's scrape interval (etc/scrape.yml). */
export const SCRAPE_INTERVAL_S = 10;
export type Region = 'region-a' | 'region-b';

function url(ctx: CheckContext, service: string, port: number, path: string): string {
  const { host, port: hostPort } = ctx.endpoint(service, port);
  return `http://${host}:${hostPort}${path}`;
}

async function get(
  ctx: CheckContext,
  service: string,
  port: number,
  path: string,
  init: { timeoutMs?: number; headers?: Record<string, string>; method?: string; body?: string } = {},
): Promise<Response> {
  const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(init.timeoutMs ?? 120_000)]);
  return fetch(url(ctx, service, port, path), {
    signal,
    method: init.method ?? 'GET',
    ...(init.headers ? { headers: init.headers } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
}

/** GET/POST and the body as text; throws with the status and body on anything but 2xx. */
export async function fetchText(
  ctx: CheckContext,
  service: string,
  port: number,
  path: string,
  init: { timeoutMs?: number; headers?: Record<string, string>; method?: string; body?: string } = {},
): Promise<string> {
  const response = await get(ctx, service, port, path, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `${service} answered ${path.split('?')[0]} with HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  return text;
}

/** Whether a VictoriaMetrics (or vmagent, vmauth) answers /health right now. */
export async function isUp(ctx: CheckContext, service: string, port = VM_PORT): Promise<boolean> {
  try {
    const response = await get(ctx, service, port, '/health', { timeoutMs: 3000 });
    await response.text();
    return response.ok;
  } catch {
    return false;
  }
}

/** The samples of a Prometheus text exposition, as [name with labels, value]. */
export function parseMetrics(
  text: string,
): Array<{ name: string; labels: Record<string, string>; value: number }> {
  const out: Array<{ name: string; labels: Record<string, string>; value: number }> = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] as string] = pair[2] as string;
    }
    out.push({ name: match[1] as string, labels, value: Number(match[4]) });
  }
  return out;
}

export type Metrics = ReturnType<typeof parseMetrics>;

/** Sum of a metric's samples whose labels match (a RegExp matches the whole label value). */
export function sumOf(metrics: Metrics, name: string, where: Record<string, string | RegExp> = {}): number {
  return metrics
    .filter(
      (m) =>
        m.name === name &&
        Object.entries(where).every(([key, want]) => {
          const have = m.labels[key] ?? '';
          return typeof want === 'string' ? have === want : new RegExp(`^(?:${want.source})$`).test(have);
        }),
    )
    .reduce((sum, m) => sum + m.value, 0);
}

export async function readMetrics(ctx: CheckContext, service: string, port: number): Promise<Metrics> {
  return parseMetrics(await fetchText(ctx, service, port, '/metrics'));
}

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query (no cache); the result vector. */
export async function instantQuery(
  ctx: CheckContext,
  service: string,
  query: string,
  time?: number,
  port = VM_PORT,
  headers?: Record<string, string>,
): Promise<VectorSample[]> {
  const params = new URLSearchParams({ query, nocache: '1' });
  if (time !== undefined) params.set('time', String(time));
  const text = await fetchText(ctx, service, port, `/api/v1/query?${params}`, headers ? { headers } : {});
  const body = JSON.parse(text) as { status: string; data?: { result?: VectorSample[] }; error?: string };
  if (body.status !== 'success') throw new Error(`query ${query} failed: ${body.error ?? body.status}`);
  return body.data?.result ?? [];
}

/** The single number an aggregate query returns (0 when the result is empty). */
export async function scalarQuery(
  ctx: CheckContext,
  service: string,
  query: string,
  time?: number,
): Promise<number> {
  const result = await instantQuery(ctx, service, query, time);
  return result.length === 0 ? 0 : Number(result[0]?.value[1]);
}

/** Raw samples of the series matching `match`, from /api/v1/export (timestamps in ms). */
export async function exportRaw(
  ctx: CheckContext,
  service: string,
  match: string,
  start?: number,
  end?: number,
): Promise<Array<{ metric: Record<string, string>; values: number[]; timestamps: number[] }>> {
  const params = new URLSearchParams({ 'match[]': match });
  if (start !== undefined) params.set('start', String(start));
  if (end !== undefined) params.set('end', String(end));
  const text = await fetchText(ctx, service, VM_PORT, `/api/v1/export?${params}`, { timeoutMs: 120_000 });
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** Makes just-written samples searchable (VictoriaMetrics buffers them for a second or so). */
export async function flush(ctx: CheckContext, service: string): Promise<void> {
  await fetchText(ctx, service, VM_PORT, '/internal/force_flush');
}

export function basicAuth(user = READ_USER): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(user).toString('base64')}` };
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export function clock(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(11, 19);
}

/** What the setup hook recorded about region-a's history (ctx.store key "history"). */
export interface HistoryRecord {
  /** First and last sample time of the backfilled window, unix seconds. */
  start: number;
  end: number;
  /** The lookbehind the figures were read with, seconds (covers [start, end]). */
  window: number;
  series: number;
  samples: number;
  sum: number;
  /** When setup finished, unix seconds: reads and writes are judged from here on. */
  setupDoneAt: number;
}

export function historyRecord(ctx: CheckContext): HistoryRecord {
  const record = ctx.store.get<HistoryRecord>('history');
  if (!record) {
    throw new Error(
      "the lab's setup did not record region-a's history (ctx.store 'history'): run `pnpm lab reset vm-cost-sizing`",
    );
  }
  return record;
}
