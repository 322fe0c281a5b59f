// The tester's own guarantees: nothing is left behind (processes, data directories), also when a run
// is cancelled; a run replays from its seed; the lab's problems are told apart from the learner's.
import { cp, mkdir, mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runStage } from '../checks/index.ts';
import { freePort } from '../checks/program.ts';
import { type RealRedis, startRealRedis } from './fixtures/real-redis.ts';
import { testSeed } from './seed.ts';

const lab = join(import.meta.dirname, '..');
let redis: RealRedis;
let base: string;
let workspace: string;
let scratch: string;

beforeAll(async () => {
  redis = await startRealRedis();
  base = await mkdtemp(join(tmpdir(), 'toy-redis-runner-test-'));
  // A copy of the solution: a workspace no other test file runs programs in.
  workspace = join(base, 'workspace');
  await cp(join(lab, 'solution'), workspace, { recursive: true });
  // The tester makes its data directories in the OS temp directory: point it at an empty one.
  scratch = join(base, 'tmp');
  await mkdir(scratch);
  process.env.TMPDIR = scratch;
  await cp(join(lab, 'starter'), join(base, 'starter'), { recursive: true });
}, 300_000);

afterAll(async () => {
  await redis?.stop();
  if (base) await rm(base, { recursive: true, force: true });
});

/** Processes whose working directory is `dir` (Linux: /proc/<pid>/cwd). */
async function processesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    try {
      if ((await readlink(`/proc/${pid}/cwd`)) === dir) found.push(pid);
    } catch {
      // The process ended meanwhile, or is not ours to inspect.
    }
  }
  return found;
}

test('a stage that restarts the program leaves no process and no data directory behind', async () => {
  const result = await runStage('persistence', { workspace, reference: redis.endpoint, seed: testSeed() });
  expect(result.status, result.message).toBe('passed');
  expect(await processesIn(workspace)).toEqual([]);
  expect(await readdir(scratch)).toEqual([]);
}, 120_000);

test('a cancelled stage stops at once and leaves nothing behind', async () => {
  const controller = new AbortController();
  const run = runStage('expiry', {
    workspace,
    reference: redis.endpoint,
    seed: testSeed(),
    signal: controller.signal,
    debug: (message) => {
      // Cancel while the stage waits for keys to expire.
      if (message.includes('GET') && message.startsWith('[expiry] -> ')) controller.abort();
    },
  });
  const result = await run;
  expect(result.status).toBe('error');
  expect(result.message).toBe('The check was cancelled.');
  expect(await processesIn(workspace)).toEqual([]);
  expect(await readdir(scratch)).toEqual([]);
}, 60_000);

test('a failing stage leaves nothing behind either', async () => {
  const starter = join(base, 'starter');
  const result = await runStage('ping', { workspace: starter, reference: redis.endpoint, seed: testSeed() });
  expect(result.status).toBe('failed');
  expect(await processesIn(starter)).toEqual([]);
  expect(await readdir(scratch)).toEqual([]);
}, 60_000);

test('the same seed sends the same commands', async () => {
  const commands = async () => {
    const sent: string[] = [];
    const result = await runStage('set-get', {
      workspace,
      reference: redis.endpoint,
      seed: 12345,
      debug: (message) => {
        if (message.startsWith('[set-get] -> ')) sent.push(message);
      },
    });
    expect(result.status, result.message).toBe('passed');
    return sent;
  };
  const first = await commands();
  expect(first.length).toBeGreaterThan(10);
  expect(await commands()).toEqual(first);
}, 60_000);

test("an unreachable real Redis is the lab's problem, not the learner's", async () => {
  const result = await runStage('ping', {
    workspace,
    reference: { host: '127.0.0.1', port: await freePort() },
  });
  expect(result.status).toBe('error');
  expect(result.message).toMatch(
    /^The tester could not reach the lab's real Redis at 127\.0\.0\.1:\d+ \(could not connect to 127\.0\.0\.1:\d+: ECONNREFUSED\)\./,
  );
  expect(result.message).toContain('Start it with `pnpm lab toy-redis`');
}, 60_000);

test('without redis-cli the pipelining stage says what to install', async () => {
  const result = await runStage('pipelining', {
    workspace,
    reference: redis.endpoint,
    seed: testSeed(),
    redisCli: join(base, 'no-such-redis-cli'),
  });
  expect(result.status).toBe('error');
  expect(result.message).toContain('redis-cli not found');
  expect(result.message).toContain(
    'Install redis-tools (Debian/Ubuntu: sudo apt-get install redis-tools; macOS: brew install redis)',
  );
}, 60_000);

/** Blocks this process's event loop, the way a busy machine keeps the tester from running. */
function freeze(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Spin.
  }
}

test('a silent server still fails with "no reply within 2 s" when the tester is kept from running', async () => {
  const starter = join(base, 'starter');
  const result = await runStage('ping', {
    workspace: starter,
    reference: redis.endpoint,
    seed: testSeed(),
    debug: (message) => {
      if (message.startsWith('[ping] -> ')) setTimeout(() => setImmediate(() => freeze(2500)), 20);
    },
  });
  expect(result.status).toBe('failed');
  expect(result.message).toContain('Your server sent no reply to PING within 2 s (connection 1).');
}, 60_000);
