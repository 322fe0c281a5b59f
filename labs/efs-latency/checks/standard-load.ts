// The lab's standard load, sent by the check itself from this machine to nginx's published port (so
// changing the learner-side load generator changes nothing here). Deterministic: the same seed gives the
// same requests every time.
import { Agent, request } from 'node:http';
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { seededRandom } from '@storylabs/lab-kit/random';

export interface LoadPlan {
  /** How long requests are sent. */
  seconds: number;
  /** Single requests per second (a Poisson process, from the seed). */
  webRate: number;
  /** Requests sent at once at the start of every `burstEvery` seconds (the batch uploader). */
  burst: number;
  burstEvery: number;
  seed: number;
  /** How long to wait for the last answers once sending stops. */
  drainSeconds: number;
}

/**
 * The standard load of objective 4: 20 s, 2 single requests/s, and 16 at once every 5 s (106 requests).
 * The bursts tell the fixes apart: with one connection per replica, the 8 jobs a replica gets at once
 * run one after the other, each holding the connection through its file work (tens of ms, spent
 * waiting, not computing), so the last waits for the other seven; with a larger pool they overlap.
 */
export const STANDARD_LOAD: LoadPlan = {
  seconds: 20,
  webRate: 2,
  burst: 16,
  burstEvery: 5,
  seed: 6,
  drainSeconds: 25,
};

export interface LoadResult {
  id: string;
  /** HTTP status, or 0 when no answer came. */
  status: number;
  ms: number;
}

/** When each request is sent (ms from the start) and which video it asks for. */
export function schedule(plan: LoadPlan): { at: number; video: number }[] {
  const random = seededRandom(plan.seed);
  const out: { at: number; video: number }[] = [];
  for (let t = 0; t < plan.seconds * 1000; t += plan.burstEvery * 1000) {
    for (let i = 0; i < plan.burst; i++) out.push({ at: t, video: 1 + Math.floor(random() * 200) });
  }
  if (plan.webRate > 0) {
    let t = 0;
    for (;;) {
      t += (-Math.log(1 - random()) / plan.webRate) * 1000;
      if (t >= plan.seconds * 1000) break;
      out.push({ at: t, video: 1 + Math.floor(random() * 200) });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Sends the plan's requests with request ids `<prefix>-<n>`; resolves when all are answered or the drain time is up. */
export async function runLoad(
  target: Endpoint,
  prefix: string,
  plan: LoadPlan,
  signal: AbortSignal,
): Promise<LoadResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const pending = new Set<() => void>();
  const results: LoadResult[] = [];
  const timers: NodeJS.Timeout[] = [];
  const started = performance.now();
  const all = schedule(plan).map(
    (item, n) =>
      new Promise<void>((resolve) => {
        const id = `${prefix}-${n + 1}`;
        timers.push(
          setTimeout(() => {
            const t0 = performance.now();
            let settled = false;
            const finish = (status: number) => {
              if (settled) return;
              settled = true;
              pending.delete(cancel);
              results.push({ id, status, ms: performance.now() - t0 });
              resolve();
            };
            const req = request(
              {
                host: target.host,
                port: target.port,
                method: 'POST',
                path: `/api/process?video=${item.video}`,
                agent,
                headers: { 'x-request-id': id, 'content-length': '0', 'user-agent': 'storylabs-check/1' },
              },
              (res) => {
                res.resume();
                res.on('end', () => finish(res.statusCode ?? 0));
                res.on('error', () => finish(0));
              },
            );
            const cancel = () => {
              req.destroy();
              finish(0);
            };
            pending.add(cancel);
            req.on('error', () => finish(0));
            req.end();
          }, item.at),
        );
      }),
  );
  const stopAll = () => {
    for (const t of timers) clearTimeout(t);
    for (const cancel of [...pending]) cancel();
  };
  signal.addEventListener('abort', stopAll, { once: true });
  const deadline = setTimeout(stopAll, (plan.seconds + plan.drainSeconds) * 1000);
  try {
    await Promise.race([
      Promise.all(all),
      new Promise((r) => signal.addEventListener('abort', r, { once: true })),
    ]);
  } finally {
    clearTimeout(deadline);
    signal.removeEventListener('abort', stopAll);
    stopAll();
    agent.destroy();
  }
  // Requests never sent (aborted before their time) count as unanswered.
  const sent = new Set(results.map((r) => r.id));
  schedule(plan).forEach((_, n) => {
    const id = `${prefix}-${n + 1}`;
    if (!sent.has(id)) results.push({ id, status: 0, ms: performance.now() - started });
  });
  return results;
}
