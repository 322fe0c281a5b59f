// Benchmarks the reference toy against real Redis with redis-benchmark, in the same run:
//   pnpm --filter @storylabs/lab-toy-redis bench [--rounds 5] [--quick]
// Real Redis (the lab's image: Debian's redis-server 7.0) runs in a container on the host network and
// the toy runs on the host, each bound to 127.0.0.1 on a free port. redis-benchmark (from the same
// image, also on the host network) runs PING_INLINE, PING_MBULK, SET, GET and INCR with 50 clients at
// -P 1 and -P 16, several times per side, alternating A/B; the table shows medians.
// Nothing is pinned to a CPU: both servers run as they would be deployed. Persistence is alike on
// both sides: every write is appended to a log before its reply and the log is fsynced once a second
// (Redis: appendonly yes, appendfsync everysec, no RDB saves; the toy: its append-only log).

import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { freePort } from '@storylabs/lab-kit';

const IMAGE = 'storylabs-toy-redis-redis:dev';
const LAB_DIR = path.join(import.meta.dirname, '..');
const TESTS = ['PING_INLINE', 'PING_MBULK', 'SET', 'GET', 'INCR'] as const;
const PIPELINES = [1, 16] as const;
const CLIENTS = 50;

type Side = 'real' | 'toy';
type Test = (typeof TESTS)[number];
type Pipeline = (typeof PIPELINES)[number];

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    quick: { type: 'boolean', default: false },
  },
});
const rounds = Number(options.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
// Requests per test: about a second or two of work each on a small machine.
const requests: Record<Pipeline, number> = options.quick
  ? { 1: 20_000, 16: 200_000 }
  : { 1: 150_000, 16: 1_500_000 };

const runId = `${process.pid}`;
const containers = new Set<string>();
let toyProcess: ChildProcess | undefined;
let toyDir: string | undefined;

const execFileAsync = promisify(execFile);

/** Runs a docker command without blocking, so Ctrl-C is handled while a benchmark runs. */
async function docker(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('docker', args, { encoding: 'utf8' });
  return stdout.trim();
}

/** Removes every container and process this run started; safe to call more than once. */
function cleanUp(): void {
  for (const name of containers) {
    try {
      execFileSync('docker', ['rm', '--force', name], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
  containers.clear();
  toyProcess?.kill('SIGTERM');
  toyProcess = undefined;
  if (toyDir) rmSync(toyDir, { recursive: true, force: true });
  toyDir = undefined;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: removing the benchmark's containers`);
    cleanUp();
    process.exit(130);
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port: number, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not start listening on 127.0.0.1:${port}`);
}

async function startRealRedis(port: number): Promise<void> {
  const name = `storylabs-toy-redis-bench-redis-${runId}`;
  containers.add(name);
  // --no-healthcheck: the image's check pings port 6379, which on the host network is not this one.
  await docker(
    'run',
    '--detach',
    '--rm',
    '--no-healthcheck',
    '--name',
    name,
    '--label',
    'dev.storylabs.bench=toy-redis',
    '--network',
    'host',
    IMAGE,
    'redis-server',
    '--bind',
    '127.0.0.1',
    '--port',
    String(port),
    '--protected-mode',
    'no',
    '--save',
    '',
    '--appendonly',
    'yes',
    '--appendfsync',
    'everysec',
    '--dir',
    '/tmp',
  );
  await waitForPort(port, 'real Redis');
}

async function startToy(port: number): Promise<void> {
  toyDir = mkdtempSync(path.join(tmpdir(), 'toy-redis-bench-'));
  toyProcess = spawn(
    process.execPath,
    [path.join(LAB_DIR, 'solution', 'main.ts'), '--port', String(port), '--dir', toyDir],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 'the toy');
}

let benchmarkRuns = 0;

/** One redis-benchmark run of every test at one pipeline depth; requests per second by test. */
async function runBenchmark(
  port: number,
  pipeline: Pipeline,
  requestCount: number,
): Promise<Map<Test, number>> {
  const name = `storylabs-toy-redis-bench-client-${runId}-${benchmarkRuns++}`;
  containers.add(name);
  const csv = await docker(
    'run',
    '--rm',
    '--no-healthcheck',
    '--name',
    name,
    '--label',
    'dev.storylabs.bench=toy-redis',
    '--network',
    'host',
    IMAGE,
    'redis-benchmark',
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-c',
    String(CLIENTS),
    '-n',
    String(requestCount),
    '-P',
    String(pipeline),
    '-t',
    'ping,set,get,incr',
    '--csv',
  );
  containers.delete(name);
  const results = new Map<Test, number>();
  for (const line of csv.split('\n')) {
    const [test, rps] = line.split(',').map((field) => field.replaceAll('"', ''));
    if ((TESTS as readonly string[]).includes(test as string)) results.set(test as Test, Number(rps));
  }
  for (const test of TESTS) {
    if (!results.has(test)) throw new Error(`redis-benchmark printed no ${test} result:\n${csv}`);
  }
  return results;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

async function machine(): Promise<string> {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const version = await docker('run', '--rm', '--no-healthcheck', IMAGE, 'redis-server', '--version');
  const redisVersion = /v=(\S+)/.exec(version)?.[1] ?? '?';
  return `${cpu}, ${availableParallelism()} cores, Node ${process.version}, redis-server ${redisVersion} (Debian)`;
}

async function main(): Promise<void> {
  console.error(`building ${IMAGE} from environment/redis`);
  await docker('build', '--quiet', '--tag', IMAGE, path.join(LAB_DIR, 'environment', 'redis'));
  const [realPort, toyPort] = [await freePort(), await freePort()];
  await startRealRedis(realPort);
  await startToy(toyPort);
  const ports: Record<Side, number> = { real: realPort, toy: toyPort };

  console.error('warming up both servers');
  for (const side of ['real', 'toy'] as const)
    for (const pipeline of PIPELINES) runBenchmark(ports[side], pipeline, 20_000);

  const samples = new Map<string, number[]>();
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['real', 'toy'] : ['toy', 'real'];
    for (const pipeline of PIPELINES) {
      for (const side of order) {
        console.error(`round ${round + 1}/${rounds}: ${side} at -P ${pipeline}`);
        for (const [test, rps] of await runBenchmark(ports[side], pipeline, requests[pipeline])) {
          const key = `${side} ${test} ${pipeline}`;
          samples.set(key, [...(samples.get(key) ?? []), rps]);
        }
      }
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);

  const format = (rps: number) => Math.round(rps).toLocaleString('en-US');
  const lines = [
    `redis-benchmark, ${CLIENTS} clients, median requests/s of ${rounds} runs per side (A/B alternating, ${minutes} min)`,
    `machine: ${await machine()}`,
    'persistence on both sides: writes appended to a log before the reply, fsync once a second',
    '',
    '| test | pipeline | real Redis | toy | toy/real |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const pipeline of PIPELINES) {
    for (const test of TESTS) {
      const real = median(samples.get(`real ${test} ${pipeline}`) ?? []);
      const toy = median(samples.get(`toy ${test} ${pipeline}`) ?? []);
      lines.push(`| ${test} | ${pipeline} | ${format(real)} | ${format(toy)} | ${(toy / real).toFixed(2)} |`);
    }
  }
  console.log(lines.join('\n'));
}

try {
  await main();
} finally {
  cleanUp();
}
