// Load test of the board on loopback: N simulated learners report a lab's results every few seconds
// for a bounded time while pages watch; the board runs as its own process with its default limits.
// Every report goes out on a fresh connection, as each `pnpm lab check` is a process of its own.
// At the end the board is killed with SIGKILL and its SQLite file is read back: a report is lost
// when it was not answered 200 or when its acknowledged id is not in the file.
//
//   pnpm --filter @storylabs/board bench [-- --learners 40 --duration 60 --min-interval 2
//                                          --max-interval 5 --watchers 3 --seed N]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { seededRandom } from '@storylabs/lab-kit/random';

// `pnpm bench -- --seed 1` passes the `--` on: skip it.
const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv[0] === '--' ? argv.slice(1) : argv,
  options: {
    learners: { type: 'string', default: '40' },
    duration: { type: 'string', default: '60' },
    'min-interval': { type: 'string', default: '2' },
    'max-interval': { type: 'string', default: '5' },
    watchers: { type: 'string', default: '3' },
    seed: { type: 'string' },
    out: { type: 'string' },
  },
});
const learners = Number(values.learners);
const durationS = Number(values.duration);
const minIntervalS = Number(values['min-interval']);
const maxIntervalS = Number(values['max-interval']);
const watcherCount = Number(values.watchers);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
for (const [name, value] of Object.entries({
  learners,
  durationS,
  minIntervalS,
  maxIntervalS,
  watcherCount,
  seed,
}))
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0`);
const clientTimeoutMs = 2000; // what reportToBoard waits by default
const requestTimeoutMs = 10_000; // the bench waits longer, to tell slow from lost

const dir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-board-bench-'));
const dbFile = path.join(dir, 'bench.sqlite');
const cli = new URL('../src/cli.ts', import.meta.url).pathname;

function startBoard(): Promise<{ child: ChildProcess; url: string; port: number; joinCode: string }> {
  const child = spawn(process.execPath, [cli, '--json', '--db', dbFile, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve({ child, ...(JSON.parse(line) as { url: string; port: number; joinCode: string }) }),
    );
    child.once('exit', (code) => reject(new Error(`the board exited with ${code} before listening`)));
  });
}

interface Outcome {
  status: number;
  ms: number;
  id?: number;
  error?: string;
}

function post(url: string, code: string, body: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: requestTimeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${code}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          let id: number | undefined;
          try {
            id = (JSON.parse(Buffer.concat(chunks).toString()) as { id?: number }).id;
          } catch {}
          resolve({ status: res.statusCode ?? 0, ms, id });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, error: error.message }));
    req.end(body);
  });
}

function watch(url: string): { events: () => number; close: () => void } {
  let rows = 0;
  const req = http.get(`${url}events`, { agent: false }, (res) => {
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        if (buffer.slice(0, end).startsWith('event: row')) rows += 1;
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    });
  });
  req.on('error', () => {});
  return { events: () => rows, close: () => req.destroy() };
}

const labs = [
  { id: 'toy-redis', objectives: ['ping', 'echo', 'set-get', 'expiry', 'persistence'] },
  { id: 'nat-routing', objectives: ['route', 'masquerade', 'failover', 'cost'] },
  { id: 'efs-latency', objectives: ['baseline', 'p99', 'cache', 'answer', 'cleanup', 'cost'] },
];

const board = await startBoard();
const watchers = Array.from({ length: watcherCount }, () => watch(board.url));
const reportUrl = `${board.url}api/report`;
const outcomes: Outcome[] = [];
const acknowledged = new Map<string, number[]>();
const loadBefore = os.loadavg()[0] ?? 0;
process.stdout.write(
  `board load test: ${learners} learners, every ${minIntervalS}-${maxIntervalS} s for ${durationS} s, ` +
    `${watcherCount} watching pages, seed ${seed} (replay: --seed ${seed})\n`,
);

const started = Date.now();
const endAt = started + durationS * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function learner(index: number): Promise<void> {
  const name = `Learner ${String(index + 1).padStart(2, '0')}`;
  const lab = labs[index % labs.length] ?? labs[0];
  if (!lab) return;
  // Each learner draws from a generator of its own: the same seed replays the same behaviour
  // whatever order the board's answers arrive in.
  const rand = seededRandom(seed + index * 7919);
  const interval = () => (minIntervalS + rand() * (maxIntervalS - minIntervalS)) * 1000;
  let solved = 0;
  await sleep(rand() * maxIntervalS * 1000); // people do not all press Enter at once
  while (Date.now() < endAt) {
    if (rand() < 0.3 && solved < lab.objectives.length) solved += 1;
    const results = lab.objectives.map((id, i) => ({
      id,
      title: `Objective ${i + 1}: ${id}`,
      status: i < solved ? 'pass' : i === solved ? 'fail' : 'not-run',
      ...(i === solved ? { reason: `expected the ${id} check to pass; it answered something else` } : {}),
    }));
    const body = JSON.stringify({ name, lab: lab.id, instance: 'default', results });
    const outcome = await post(reportUrl, board.joinCode, body);
    outcomes.push(outcome);
    if (outcome.status === 200 && outcome.id !== undefined)
      acknowledged.set(name, [...(acknowledged.get(name) ?? []), outcome.id]);
    await sleep(interval());
  }
}

await Promise.all(Array.from({ length: learners }, (_, i) => learner(i)));
const elapsedS = (Date.now() - started) / 1000;
await sleep(500); // the last events reach the watching pages
const eventsSeen = watchers.map((w) => w.events());
for (const w of watchers) w.close();

// The hard way: kill -9, then read what is in the file.
board.child.kill('SIGKILL');
await new Promise((resolve) => board.child.once('exit', resolve));
const db = new DatabaseSync(dbFile, { readOnly: true });
const stored = new Set((db.prepare('SELECT id FROM reports').all() as { id: number }[]).map((r) => r.id));
db.close();
rmSync(dir, { recursive: true, force: true });

const acked = [...acknowledged.values()].flat();
const notAnswered200 = outcomes.filter((o) => o.status !== 200);
const ackedButMissing = acked.filter((id) => !stored.has(id));
const lost = notAnswered200.length + ackedButMissing.length;
const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
const quantile = (q: number) =>
  times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? Number.NaN;
const statuses: Record<string, number> = {};
for (const o of outcomes) {
  const key = o.error ? `error: ${o.error}` : String(o.status);
  statuses[key] = (statuses[key] ?? 0) + 1;
}

const result = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, load ${loadBefore.toFixed(2)} at start`,
  node: process.version,
  seed,
  learners,
  durationS,
  intervalS: [minIntervalS, maxIntervalS],
  watchers: watcherCount,
  reports: outcomes.length,
  perSecond: Number((outcomes.length / elapsedS).toFixed(1)),
  statuses,
  lost,
  ackedButMissing: ackedButMissing.length,
  overClientTimeout: outcomes.filter((o) => o.ms > clientTimeoutMs).length,
  ms: {
    p50: Number(quantile(0.5).toFixed(1)),
    p90: Number(quantile(0.9).toFixed(1)),
    p99: Number(quantile(0.99).toFixed(1)),
    max: Number(quantile(1).toFixed(1)),
  },
  rowEventsPerWatcher: eventsSeen,
};

process.stdout.write(
  [
    `reports:        ${result.reports} (${result.perSecond}/s), statuses ${JSON.stringify(statuses)}`,
    `response time:  p50 ${result.ms.p50} ms, p90 ${result.ms.p90} ms, p99 ${result.ms.p99} ms, max ${result.ms.max} ms` +
      ` (new connection each; ${result.overClientTimeout} over the client's ${clientTimeoutMs / 1000} s timeout)`,
    `lost reports:   ${lost} (${notAnswered200.length} not answered 200, ${ackedButMissing.length} acknowledged but not in the file after kill -9)`,
    `watching pages: ${eventsSeen.join(', ')} row events each, of ${acked.length} reports stored`,
    `machine:        ${result.machine}, Node ${process.version}`,
    '',
  ].join('\n'),
);
if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
process.exitCode = lost === 0 && eventsSeen.every((n) => n === acked.length) ? 0 : 1;
