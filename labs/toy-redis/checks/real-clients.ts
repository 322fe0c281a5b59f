// Real clients against the learner's server: ioredis (Node) and redis-cli. Each runs the same script
// against real Redis, and the results must be the same. A recording proxy in front of the learner's
// server shows, on failure, what the client sent and what came back.
import { spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { Redis } from 'ioredis';
import { StageFailure } from './failure.ts';
import type { StageContext } from './harness.ts';
import { startRecordingProxy } from './recording-proxy.ts';
import { escapeBytes, quoteArg } from './resp.ts';
import { PTTL_TOLERANCE_MS } from './stages/replies.ts';

const STEP_TIMEOUT_MS = 3000;

type Outcome = { ok: true; value: unknown } | { ok: false; error: string };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A pipeline's or transaction's [error, value] pairs as plain data: the value, or "error: <text>". */
function pairs(results: [Error | null, unknown][] | null): unknown[] | null {
  return results === null ? null : results.map(([err, value]) => (err ? `error: ${err.message}` : value));
}

function show(outcome: Outcome): string {
  return outcome.ok ? JSON.stringify(outcome.value) : `failed: ${outcome.error}`;
}

interface IoredisStep {
  label: string;
  run(client: Redis): Promise<unknown>;
  /** Integer results that may differ by this much (PTTL). */
  tolerance?: number;
}

async function runIoredis(endpoint: Endpoint, steps: IoredisStep[]): Promise<Outcome[]> {
  // Default options, as a learner's app would use them; only the retries are off so a failure is final.
  const client = new Redis({
    host: endpoint.host,
    port: endpoint.port,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  client.on('error', () => {
    // Errors reach the awaited command or connect() as well; this only keeps them from being unhandled.
  });
  const outcomes: Outcome[] = [];
  try {
    try {
      await withTimeout(client.connect(), STEP_TIMEOUT_MS, 'connect');
      outcomes.push({ ok: true, value: 'ready' });
    } catch (err) {
      outcomes.push({ ok: false, error: err instanceof Error ? err.message : String(err) });
      return outcomes;
    }
    for (const step of steps) {
      try {
        outcomes.push({ ok: true, value: await withTimeout(step.run(client), STEP_TIMEOUT_MS, step.label) });
      } catch (err) {
        outcomes.push({ ok: false, error: err instanceof Error ? err.message : String(err) });
        return outcomes;
      }
    }
    return outcomes;
  } finally {
    client.disconnect();
  }
}

function withinTolerance(a: Outcome, b: Outcome, tolerance: number | undefined): boolean {
  if (isDeepStrictEqual(a, b)) return true;
  if (tolerance === undefined || !a.ok || !b.ok) return false;
  return (
    typeof a.value === 'number' && typeof b.value === 'number' && Math.abs(a.value - b.value) <= tolerance
  );
}

const CONNECT_LABEL =
  'connect: ioredis 6 sends HELLO 3 (and falls back to RESP2 when the reply is an "unknown command" error), CLIENT SETINFO twice (any reply will do), then INFO, and is ready when INFO returns a bulk string';

/** ioredis, default options: connect, a pipeline, a MULTI transaction, SET with PX, PTTL. */
export async function checkIoredis(t: StageContext): Promise<void> {
  const key = t.rng.key();
  const value = t.rng.value();
  const counter = t.rng.key('counter');
  const by = t.rng.int(2, 100);
  const txKey = t.rng.key();
  const wordKey = t.rng.key();
  const word = t.rng.word();
  const pxKey = t.rng.key();
  // Drawn here, not inside the steps: both runs (real Redis, then yours) must send the same keys.
  const missing = t.rng.key();
  const steps: IoredisStep[] = [
    {
      label: 'pipeline: SET, GET, INCR, INCRBY, GET of a missing key, ECHO (one write)',
      run: (c) =>
        c
          .pipeline()
          .set(key, value)
          .get(key)
          .incr(counter)
          .incrby(counter, by)
          .get(missing)
          .echo(word)
          .exec()
          .then(pairs),
    },
    {
      label: 'multi: MULTI, SET, SET, INCR of a non-integer, GET, EXEC (one write)',
      run: (c) => c.multi().set(txKey, word).set(wordKey, word).incr(wordKey).get(txKey).exec().then(pairs),
    },
    { label: 'SET with PX 100000', run: (c) => c.set(pxKey, value, 'PX', 100_000) },
    { label: 'PTTL', run: (c) => c.pttl(pxKey), tolerance: PTTL_TOLERANCE_MS },
    { label: 'GET', run: (c) => c.get(key) },
  ];
  t.currentStep = 'running ioredis against real Redis';
  t.debug('running ioredis against real Redis, then against your server');
  const expected = await runIoredis(t.reference, steps);
  const failedAt = expected.findIndex((o) => !o.ok);
  if (failedAt !== -1) {
    throw new StageFailure(
      `ioredis failed against the lab's real Redis (${show(expected[failedAt] as Outcome)}).`,
      'Restart the lab (`pnpm lab toy-redis`).',
      'environment',
    );
  }
  const proxy = await startRecordingProxy(t.learner);
  try {
    t.currentStep = 'running ioredis against your server';
    const actual = await runIoredis(proxy.endpoint, steps);
    const labels = [CONNECT_LABEL, ...steps.map((s) => s.label)];
    t.debug(`ioredis results: yours ${JSON.stringify(actual)} | real Redis ${JSON.stringify(expected)}`);
    for (const [i, exp] of expected.entries()) {
      const got = actual[i];
      const step = steps[i - 1];
      if (got && withinTolerance(got, exp, step?.tolerance)) continue;
      throw new StageFailure(
        [
          `ioredis (a Node.js Redis client, default options) did not get what real Redis gives it, at step ${i + 1} of ${expected.length}:`,
          `  step:        ${labels[i]}`,
          `  your server: ${got ? show(got) : 'not reached'}`,
          `  real Redis:  ${show(exp)}`,
          'What ioredis and your server sent each other (last chunks):',
          proxy.transcript('ioredis'),
        ].join('\n'),
        i === 0
          ? 'To connect, reply to HELLO with an error like "-ERR unknown command \'HELLO\'", to CLIENT with anything (+OK), and to INFO with a bulk string such as "$11\\r\\nloading:0\\r\\n\\r\\n".'
          : 'Compare the bytes above with what the earlier stages expect: the client sends several commands in one write and reads the replies in order.',
      );
    }
  } finally {
    await proxy.close();
  }
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(redisCli: string, args: string[], input: string | undefined): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(redisCli, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `(the tester stopped redis-cli after ${STEP_TIMEOUT_MS / 1000} s without an answer)`;
    }, STEP_TIMEOUT_MS);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // redis-cli given a command never reads stdin and may exit before it is closed.
    child.stdin.on('error', () => {});
    if (input === undefined) child.stdin.end();
    else child.stdin.end(input);
  });
}

function showCli(result: CliResult): string {
  const parts = [
    `exit code ${result.code ?? 'none (killed)'}`,
    `output ${escapeBytes(Buffer.from(result.stdout))}`,
  ];
  if (result.stderr) parts.push(`errors ${escapeBytes(Buffer.from(result.stderr))}`);
  return parts.join(', ');
}

/**
 * redis-cli from the host's PATH, one command per run (as in scripts), with -n to pick a database,
 * and once with commands on stdin (which makes it ask COMMAND DOCS first).
 */
export async function checkRedisCli(t: StageContext, redisCli: string): Promise<void> {
  const key = t.rng.key();
  const value = `${t.rng.word()} ${t.rng.word()}`;
  const dbKey = t.rng.key();
  const db = String(t.rng.int(1, 15));
  const counter = t.rng.key('counter');
  const stdinKey = t.rng.key();
  const runs: { args: string[]; input?: string }[] = [
    { args: ['SET', key, value] },
    { args: ['GET', key] },
    { args: ['-n', db, 'SET', dbKey, t.rng.word()] },
    { args: ['-n', db, 'GET', dbKey] },
    { args: ['GET', dbKey] },
    { args: ['INCRBY', counter, String(t.rng.int(2, 100))] },
    { args: ['EXISTS', key, dbKey] },
    { args: ['ECHO', t.rng.unicodeWord()] },
    { args: ['INCR', key] },
    { args: [], input: `SET ${stdinKey} ${t.rng.word()}\nGET ${stdinKey}\nPING\n` },
  ];
  const proxy = await startRecordingProxy(t.learner);
  try {
    for (const run of runs) {
      const shown = run.input
        ? `redis-cli -p <port>, with these lines on stdin: ${run.input.trim().split('\n').join(' / ')}`
        : `redis-cli -p <port> ${run.args.map((a) => quoteArg(a)).join(' ')}`;
      t.currentStep = `running ${shown}`;
      t.debug(`running ${shown}`);
      const at = (endpoint: Endpoint) => ['-h', endpoint.host, '-p', String(endpoint.port), ...run.args];
      let expected: CliResult;
      try {
        expected = await runCli(redisCli, at(t.reference), run.input);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new StageFailure(
            `redis-cli not found (looked for "${redisCli}" on the PATH): this stage runs it against your server.`,
            'Install redis-tools (Debian/Ubuntu: sudo apt-get install redis-tools; macOS: brew install redis), then check again.',
            'environment',
          );
        }
        throw err;
      }
      proxy.reset();
      const actual = await runCli(redisCli, at(proxy.endpoint), run.input);
      if (actual.code === expected.code && actual.stdout === expected.stdout) continue;
      throw new StageFailure(
        [
          'redis-cli did not print what it prints with real Redis.',
          `  ran:         ${shown}`,
          `  your server: ${showCli(actual)}`,
          `  real Redis:  ${showCli(expected)}`,
          'What redis-cli and your server sent each other:',
          proxy.transcript('redis-cli'),
        ].join('\n'),
        run.input
          ? 'Reading commands from stdin, redis-cli first sends COMMAND DOCS (and COMMAND if that fails); any reply, even an error or "*0\\r\\n", lets it go on.'
          : 'redis-cli sends one command as a RESP array and prints the reply; with -n it sends SELECT first.',
      );
    }
  } finally {
    await proxy.close();
  }
}
