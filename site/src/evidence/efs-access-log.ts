// Story 1's evidence pack: one hour of one API instance's nginx access log, produced by simulating
// our reconstruction of the story (not the team's log, which was never published). One process with a
// database pool of one connection; renders arrive at random and do their file work, then need the
// connection for a one-row insert; a status query scans the unindexed table for about 8 s and holds
// the connection meanwhile. The front end sometimes asks for a job's status while its render is still
// working, and other users' pages poll now and then. The log lines fall out of the queue, so the two
// humps on the page are whatever the simulation produces, not typed in.
import { nextArrival, seededRandom } from './random.ts';

export const efsLogSettings = {
  seed: 20240514,
  hourStart: Date.UTC(2024, 4, 14, 10, 0, 0),
  seconds: 3600,
  rendersPerSecond: 1 / 30,
  /** Share of renders whose front end asks for their status right after starting them. */
  earlyStatusShare: 0.4,
  /** Status polls from other pages, independent of any render. */
  otherStatusPerSecond: 1 / 900,
  renderWorkSeconds: [0.35, 0.75] as const,
  scanSeconds: [7.9, 8.8] as const,
  insertSeconds: [0.002, 0.008] as const,
  healthCheckEverySeconds: 10,
} as const;

interface DbCall {
  ready: number;
  hold: number;
  request: number;
}

interface Request {
  id: string;
  start: number;
  method: 'POST' | 'GET';
  path: string;
  userAgent: string;
  bytes: number;
  /** Seconds of work outside the database (file reads, combining, writing), before its database call. */
  work: number;
  db?: DbCall;
  end?: number;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function timeLocal(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export function efsAccessLog(settings = efsLogSettings): string {
  const random = seededRandom(settings.seed);
  const between = ([low, high]: readonly [number, number]) => low + (high - low) * random();
  const hex = () =>
    Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  const requests: Request[] = [];
  const dbCalls: DbCall[] = [];
  const statusPoll = (at: number, video: string) => {
    const request: Request = {
      id: hex(),
      start: at,
      method: 'GET',
      path: `/api/videos/${video}/status`,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      bytes: 96 + Math.floor(random() * 40),
      work: 0.001,
    };
    request.db = { ready: at + request.work, hold: between(settings.scanSeconds), request: requests.length };
    requests.push(request);
    dbCalls.push(request.db);
  };

  for (let t = nextArrival(random, settings.rendersPerSecond); t < settings.seconds; ) {
    const video = `v${100000 + Math.floor(random() * 900000)}`;
    const render: Request = {
      id: hex(),
      start: t,
      method: 'POST',
      path: '/api/videos/combine',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      bytes: 180 + Math.floor(random() * 60),
      work: between(settings.renderWorkSeconds),
    };
    render.db = { ready: t + render.work, hold: between(settings.insertSeconds), request: requests.length };
    requests.push(render);
    dbCalls.push(render.db);
    if (random() < settings.earlyStatusShare) statusPoll(t + 0.05 + 0.25 * random(), video);
    t += nextArrival(random, settings.rendersPerSecond);
  }
  for (let t = nextArrival(random, settings.otherStatusPerSecond); t < settings.seconds; ) {
    statusPoll(t, `v${100000 + Math.floor(random() * 900000)}`);
    t += nextArrival(random, settings.otherStatusPerSecond);
  }
  for (
    let t = random() * settings.healthCheckEverySeconds;
    t < settings.seconds;
    t += settings.healthCheckEverySeconds
  ) {
    requests.push({
      id: hex(),
      start: t,
      method: 'GET',
      path: '/healthz',
      userAgent: 'ELB-HealthChecker/2.0',
      bytes: 2,
      work: 0.001,
      end: t + 0.001,
    });
  }

  // One connection, first come first served: each call starts when it is ready and the one before it is done.
  let free = 0;
  for (const call of [...dbCalls].sort((a, b) => a.ready - b.ready)) {
    const start = Math.max(call.ready, free);
    free = start + call.hold;
    const request = requests[call.request];
    if (request) request.end = free + 0.001;
  }

  return requests
    .filter((r): r is Request & { end: number } => r.end !== undefined && r.end < settings.seconds)
    .sort((a, b) => a.end - b.end)
    .map((r) => {
      const took = r.end - r.start;
      const when = timeLocal(settings.hourStart + r.end * 1000);
      return `10.0.1.${10 + (Number.parseInt(r.id.slice(0, 2), 16) % 200)} - - [${when}] "${r.method} ${r.path} HTTP/1.1" 200 ${r.bytes} "${r.userAgent}" ${r.id} ${Math.max(0, took - 0.001).toFixed(3)} ${took.toFixed(3)}`;
    })
    .join('\n')
    .concat('\n');
}
