// The API's timing lines (printed when its configuration turns timing on):
//   2026-12-01T22:58:58.104Z api-1 request_id=<id> step=read ms=80.7

export const API_LOGS = ['/var/log/lab/api-1.log', '/var/log/lab/api-2.log'];
export const FILE_STEPS = ['read', 'combine', 'write'] as const;

const LINE = /\brequest_id=(\S+) step=(\w+) ms=([\d.]+)/;

/** Milliseconds of the file work (read + combine + write) of every request that has all three lines. */
export function fileWorkMs(text: string): number[] {
  const steps = new Map<string, Map<string, number>>();
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, id = '', step = '', ms = '0'] = m;
    let forRequest = steps.get(id);
    if (!forRequest) {
      forRequest = new Map();
      steps.set(id, forRequest);
    }
    forRequest.set(step, Number(ms));
  }
  const out: number[] = [];
  for (const forRequest of steps.values()) {
    if (FILE_STEPS.every((s) => forRequest.has(s))) {
      out.push(FILE_STEPS.reduce((sum, s) => sum + (forRequest.get(s) ?? 0), 0));
    }
  }
  return out;
}
