// nginx's access log of the lab, as the checks read it: the lab's own log format (environment/nginx/nginx.conf).

export const ACCESS_LOG = '/var/log/lab/nginx-access.log';
export const ENDPOINT = '/api/process';
/** Request ids the checks send start with this; the learner's figures leave them out. */
export const CHECK_PREFIX = 'chk-';

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  requestId: string;
  /** nginx's $request_time, in milliseconds. */
  ms: number;
}

const LINE = /"(\S+) (\S+)[^"]*" (\d{3}) .*\brequest_id=(\S+) request_time=([\d.]+)/;

export function parseAccessLog(text: string): LoggedRequest[] {
  const out: LoggedRequest[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, method = '', path = '', status = '0', requestId = '', seconds = '0'] = m;
    out.push({ method, path, status: Number(status), requestId, ms: Number(seconds) * 1000 });
  }
  return out;
}

/** The endpoint's requests (POST /api/process), as the learner is asked to measure them. */
export function endpointRequests(requests: LoggedRequest[]): LoggedRequest[] {
  return requests.filter((r) => r.method === 'POST' && r.path.startsWith(ENDPOINT));
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}
