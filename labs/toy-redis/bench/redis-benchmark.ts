// Benchmarks the reference toy against real Redis with redis-benchmark, in the same run:
//   pnpm --filter @storylabs/lab-toy-redis bench [--rounds 5] [--quick]
// Real Redis (the lab's image: Debian's redis-server 7.0) runs in a container on the host network and
// the toy runs on the host, each bound to 127.0.0.1 on a free port. redis-benchmark (from the same
// image, in a third container on the host network) runs PING_INLINE, PING_MBULK, SET, GET and INCR
// with 50 clients at -P 1 and -P 16, several times per side, interleaved A/B (each test on one side
// right after the other, the first side alternating by round); the table shows medians of requests per
// second and of the server's CPU time per request (user + system, all its threads, read from /proc),
// which still compares the servers when redis-benchmark is what limits throughput. Nothing is pinned
// to a CPU. Persistence is alike on both sides: every write is appended to a log before its reply and
// the log is fsynced once a second (Redis: appendonly yes, appendfsync everysec, no RDB saves; the toy:
// its append-only log). The output states each side's settings as that server reports them (CONFIG GET)
// and the size of its log at the end, and so does bench/results.json (persistenceSettings).

import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { freePort } from '@storylabs/lab-kit';

const IMAGE = 'storylabs-toy-redis-redis:dev';
const LAB_DIR = path.join(import.meta.dirname, '..');
const RESULTS_FILE = path.join(LAB_DIR, 'bench', 'results.json');
const TESTS = ['PING_INLINE', 'PING_MBULK', 'SET', 'GET', 'INCR'] as const;
const PIPELINES = [1, 16] as const;
const CLIENTS = 50;
const LABEL = 'dev.storylabs.bench=toy-redis';

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
// Requests per test: a second or so of work each on a small machine.
const requests: Record<Pipeline, number> = options.quick
  ? { 1: 10_000, 16: 100_000 }
  : { 1: 100_000, 16: 1_000_000 };

/** How this run was started, for the output: what reproduces it. */
const COMMAND_LINE = ['pnpm --filter @storylabs/lab-toy-redis bench', ...process.argv.slice(2)].join(' ');

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

/**
 * Starts a container of the lab's image on the host network and returns its name. The image's
 * health check pings port 6379, which on the host network is not ours: --no-healthcheck.
 */
async function startContainer(role: string, command: string[]): Promise<string> {
  const name = `storylabs-toy-redis-bench-${role}-${runId}`;
  containers.add(name);
  await docker(
    'run',
    '--detach',
    '--rm',
    '--no-healthcheck',
    '--name',
    name,
    '--label',
    LABEL,
    '--network',
    'host',
    IMAGE,
    ...command,
  );
  return name;
}

/** Starts real Redis and returns its host process id. */
async function startRealRedis(port: number): Promise<number> {
  const name = await startContainer('redis', [
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
  ]);
  await waitForPort(port, 'real Redis');
  return Number(await docker('inspect', '--format', '{{.State.Pid}}', name));
}

/**
 * Starts the toy the way the lab runs it, with its your_program.sh (which passes the Node options it
 * runs with), and returns its process id: the script execs node, which keeps the script's pid.
 */
async function startToy(port: number): Promise<number> {
  toyDir = mkdtempSync(path.join(tmpdir(), 'toy-redis-bench-'));
  toyProcess = spawn(
    path.join(LAB_DIR, 'solution', 'your_program.sh'),
    ['--port', String(port), '--dir', toyDir],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 'the toy');
  return toyProcess.pid as number;
}

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU time a process has used so far, user plus system, all threads, in microseconds. */
function cpuMicroseconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

interface Server {
  port: number;
  pid: number;
}

interface Sample {
  requestsPerSecond: number;
  cpuPerRequest: number;
}

/** One redis-benchmark run of one test against one server. */
async function measure(
  client: string,
  server: Server,
  test: Test,
  pipeline: Pipeline,
  count: number,
): Promise<Sample> {
  const cpuBefore = cpuMicroseconds(server.pid);
  const csv = await docker(
    'exec',
    client,
    'redis-benchmark',
    '-h',
    '127.0.0.1',
    '-p',
    String(server.port),
    '-c',
    String(CLIENTS),
    '-n',
    String(count),
    '-P',
    String(pipeline),
    '-t',
    test.toLowerCase(),
    '--csv',
  );
  const cpuPerRequest = (cpuMicroseconds(server.pid) - cpuBefore) / count;
  const line = csv.split('\n').find((row) => row.startsWith(`"${test}"`));
  const requestsPerSecond = Number(line?.split(',')[1]?.replaceAll('"', ''));
  if (!Number.isFinite(requestsPerSecond))
    throw new Error(`redis-benchmark printed no ${test} result:\n${csv}`);
  return { requestsPerSecond, cpuPerRequest };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

interface Persistence {
  appendonly: string;
  appendfsync: string;
  /** Redis's RDB snapshot schedule; empty: no snapshots. */
  save: string;
  /** Bytes in the server's append-only log when the run ended. */
  logBytes: number;
}

/** What a server says about its persistence (CONFIG GET), and how large its log has grown. */
async function persistenceOf(client: string, server: Server): Promise<Persistence> {
  const cli = ['exec', client, 'redis-cli', '-h', '127.0.0.1', '-p', String(server.port), '--raw'];
  const setting = async (name: string) => {
    const [, value] = (await docker(...cli, 'config', 'get', name)).split('\n');
    return value ?? '';
  };
  let logBytes: number;
  if (server.pid === toyProcess?.pid) {
    logBytes = statSync(path.join(toyDir as string, 'appendonly.aof')).size;
  } else {
    const info = await docker(...cli, 'info', 'persistence');
    logBytes = Number(/aof_current_size:(\d+)/.exec(info)?.[1] ?? Number.NaN);
  }
  return {
    appendonly: await setting('appendonly'),
    appendfsync: await setting('appendfsync'),
    save: await setting('save'),
    logBytes,
  };
}

function describePersistence(settings: Persistence): string {
  const megabytes = (settings.logBytes / 1_000_000).toFixed(1);
  return `appendonly ${settings.appendonly}, appendfsync ${settings.appendfsync}, save "${settings.save}" (no RDB snapshots), log ${megabytes} MB at the end`;
}

async function machine(client: string): Promise<string> {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const version = await docker('exec', client, 'redis-server', '--version');
  const redisVersion = /v=(\S+)/.exec(version)?.[1] ?? '?';
  return `${cpu}, ${availableParallelism()} cores, Node ${process.version}, redis-server ${redisVersion} (Debian)`;
}

/** The 1-minute load average: how busy the machine was (2 cores: anything above 2 means waiting for a CPU). */
function loadAverage(): number {
  return Math.round((loadavg()[0] as number) * 100) / 100;
}

async function main(): Promise<void> {
  const loadAtStart = loadAverage();
  console.error(`load average at start: ${loadAtStart}`);
  console.error(`building ${IMAGE} from environment/redis`);
  await docker('build', '--quiet', '--tag', IMAGE, path.join(LAB_DIR, 'environment', 'redis'));
  const [realPort, toyPort] = [await freePort(), await freePort()];
  const servers: Record<Side, Server> = {
    real: { port: realPort, pid: await startRealRedis(realPort) },
    toy: { port: toyPort, pid: await startToy(toyPort) },
  };
  const client = await startContainer('client', ['sleep', 'infinity']);

  console.error('warming up both servers');
  for (const side of ['real', 'toy'] as const) {
    for (const test of TESTS) await measure(client, servers[side], test, 16, 50_000);
  }

  // Interleaved A/B: each test runs on one side right after the other, and the side that goes first
  // alternates from round to round, so a burst of load from elsewhere hits both sides alike.
  const samples = new Map<string, Sample[]>();
  const started = Date.now();
  for (let round = 0; round < rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['real', 'toy'] : ['toy', 'real'];
    for (const pipeline of PIPELINES) {
      console.error(`round ${round + 1}/${rounds} at -P ${pipeline}: ${order.join(' then ')} for each test`);
      for (const test of TESTS) {
        for (const side of order) {
          const key = `${side} ${test} ${pipeline}`;
          const sample = await measure(client, servers[side], test, pipeline, requests[pipeline]);
          samples.set(key, [...(samples.get(key) ?? []), sample]);
        }
      }
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const loadAtEnd = loadAverage();
  const persistence = {
    real: await persistenceOf(client, servers.real),
    toy: await persistenceOf(client, servers.toy),
  };

  const machineLine = await machine(client);
  // The toy's command line as the kernel has it: node with the options your_program.sh gives it.
  const toyCommand = readFileSync(`/proc/${servers.toy.pid}/cmdline`, 'utf8')
    .split('\0')
    .filter((arg) => arg !== '')
    .map((arg) => (arg.startsWith('/') ? path.basename(arg) : arg))
    .join(' ');
  const medianOf = (side: Side, test: Test, pipeline: Pipeline, field: keyof Sample) =>
    median((samples.get(`${side} ${test} ${pipeline}`) ?? []).map((sample) => sample[field]));
  const lines = [
    `redis-benchmark, ${CLIENTS} clients, medians of ${rounds} runs per side (A/B alternating, ${minutes} min)`,
    `machine: ${machineLine}`,
    `load average (1 min): ${loadAtStart} at the start, ${loadAtEnd} at the end`,
    'persistence on both sides: writes appended to a log before the reply, fsync once a second',
    `  real Redis: ${describePersistence(persistence.real)}`,
    `  toy:        ${describePersistence(persistence.toy)}`,
    `toy started as: ${toyCommand}`,
    `command: ${COMMAND_LINE}`,
    '',
    '| test | pipeline | real Redis req/s | toy req/s | toy/real | real CPU µs/req | toy CPU µs/req |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  const runs = [];
  for (const pipeline of PIPELINES) {
    for (const test of TESTS) {
      const real = medianOf('real', test, pipeline, 'requestsPerSecond');
      const toy = medianOf('toy', test, pipeline, 'requestsPerSecond');
      const realCpu = medianOf('real', test, pipeline, 'cpuPerRequest');
      const toyCpu = medianOf('toy', test, pipeline, 'cpuPerRequest');
      lines.push(
        `| ${test} | ${pipeline} | ${Math.round(real).toLocaleString('en-US')} | ${Math.round(toy).toLocaleString('en-US')} | ${(toy / real).toFixed(2)} | ${realCpu.toFixed(2)} | ${toyCpu.toFixed(2)} |`,
      );
      runs.push({
        test,
        pipeline,
        realRps: Math.round(real),
        toyRps: Math.round(toy),
        realCpuMicros: realCpu,
        toyCpuMicros: toyCpu,
      });
    }
  }
  console.log(lines.join('\n'));
  // The site's chart for story 12 reads this committed file (the chart never measures anything itself).
  const results = {
    machine: machineLine,
    measuredAt: new Date().toISOString().slice(0, 10),
    clients: CLIENTS,
    rounds,
    persistence: 'both sides append writes to a log before replying, fsync once a second',
    // Each server's own answer to CONFIG GET, and the size of its log after the run.
    persistenceSettings: persistence,
    command: COMMAND_LINE,
    // How your_program.sh started the toy (paths shortened to file names).
    toyCommand,
    // The machine's 1-minute load average when the run started and ended (other work competes for the cores).
    loadAverage: { start: loadAtStart, end: loadAtEnd },
    runs,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

try {
  await main();
} finally {
  cleanUp();
}
