// `pnpm stress`: runs tests N times in a row, optionally with both cores kept busy, and prints a flake
// table (test, runs, failures, seeds). A flaky test is a defect: this finds it and says how to replay it.
//
//   pnpm stress                                   the Docker and browser tests, 5 runs
//   pnpm stress --runs 10 --load 2                10 runs, 2 busy loops beside them
//   pnpm stress --runs 3 -- labs/toy-redis/test/stages-broken.docker.test.ts
//   pnpm stress --all                             every test (what `pnpm test` runs)
//
// Everything after `--` goes to `vitest run` as is (file filters, -t, --project). The load is plain
// busy loops in child processes: they stop at the end of each run, when this script exits, and in any
// case after --load-max-seconds. Each run's vitest output is kept in the printed log directory.
//
// Ctrl-C (or SIGTERM) stops the run cleanly: vitest gets SIGINT, which scripts/graceful-interrupt.ts
// turns into a cancelled run, so the running tests end and every afterAll hook runs (labs tear their
// instances down). Only when vitest has not exited after --grace-seconds (or on a second Ctrl-C) are
// vitest and its workers terminated, which can leave containers behind; this script then says so.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { interruptVitestOnSignals } from './interrupt-vitest.ts';
import { workerArgs } from './vitest-workers.ts';

const USAGE = `usage: pnpm stress [--runs N] [--load K] [--load-max-seconds S] [--grace-seconds S] [--all] [--all-rows] [-- vitest args...]
  --runs N               runs in a row (default 5)
  --load K               K busy loops beside the tests (default 0; 2 keeps both cores of a 2-core machine busy)
  --load-max-seconds S   a busy loop stops by itself after S seconds at most (default 1800)
  --grace-seconds S      after Ctrl-C, how long vitest may take to end its tests and run its afterAll
                         hooks before it is terminated (default 120)
  --all                  every test (default: the Docker and browser tests, *.docker.test.ts and *.browser.test.ts)
  --all-rows             list every test in the table, not only those that failed at least once`;

const BUSY_LOOP = '--busy-loop-child';

if (process.argv[2] === BUSY_LOOP) {
  // A load child: spin until told to stop, until the parent goes away, or until the deadline.
  const deadline = Date.now() + Number(process.argv[3]) * 1000;
  const stop = () => process.exit(0);
  process.on('disconnect', stop);
  process.on('message', stop);
  let sink = 0;
  const spin = () => {
    const sliceEnd = Date.now() + 200;
    while (Date.now() < sliceEnd) sink += Math.sqrt(sink + 1);
    if (Date.now() >= deadline) stop();
    // Yield briefly so that the IPC 'disconnect'/'message' events are seen.
    setImmediate(spin);
  };
  spin();
} else {
  await main();
}

interface Row {
  file: string;
  name: string;
  runs: number;
  failures: number;
  /** Seeds and replay hints found in the failure messages, one per failing run. */
  seeds: string[];
  firstError?: string;
}

interface VitestJson {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: {
      fullName: string;
      status: string;
      failureMessages: string[];
      meta?: Record<string, unknown>;
    }[];
  }[];
}

function seedsIn(messages: string[], meta: Record<string, unknown> | undefined): string {
  const found = new Set<string>();
  const text = messages.join('\n');
  if (typeof meta?.toyRedisSeed === 'number') found.add(`TOY_REDIS_SEED=${meta.toyRedisSeed}`);
  for (const m of text.matchAll(/TOY_REDIS_SEED=(\d+)/g)) found.add(`TOY_REDIS_SEED=${m[1]}`);
  for (const m of text.matchAll(/\{ seed: (-?\d+), path: "([\d:]*)"/g)) {
    found.add(`FC_SEED=${m[1]} FC_PATH=${m[2]}`);
  }
  return found.size > 0 ? [...found].join(' ') : '(no seed)';
}

function firstLine(messages: string[]): string {
  const line = (messages[0] ?? '').split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

function startLoad(count: number, maxSeconds: number): ChildProcess[] {
  const script = new URL(import.meta.url).pathname;
  return Array.from({ length: count }, () =>
    fork(script, [BUSY_LOOP, String(maxSeconds)], { stdio: 'ignore' }),
  );
}

function stopLoad(children: ChildProcess[]): void {
  for (const child of children) {
    // A Ctrl-C in the terminal reaches the busy loops too: one that already ended has no channel left.
    if (child.connected) {
      child.send('stop');
      child.disconnect();
    }
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function formatTable(rows: Row[], runs: number): string {
  const header = ['test', 'runs', 'failures', 'seeds'];
  const body = rows.map((r) => [
    `${r.file} > ${r.name}`,
    String(r.runs),
    String(r.failures),
    r.seeds.join('; '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const widthOf = (i: number) => (i === header.length - 1 ? 0 : (widths[i] ?? 0));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widthOf(i)) : c.padEnd(widthOf(i))))
      .join(' | ')
      .trimEnd();
  const out = [line(header), line(header.map((_, i) => '-'.repeat(Math.max(widthOf(i), 5))))];
  for (const b of body) out.push(line(b));
  if (body.length === 0) out.push(`(no test failed in ${runs} runs)`);
  return out.join('\n');
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      allowPositionals: true,
      options: {
        runs: { type: 'string', default: '5' },
        load: { type: 'string', default: '0' },
        'load-max-seconds': { type: 'string', default: '1800' },
        'grace-seconds': { type: 'string', default: '120' },
        all: { type: 'boolean', default: false },
        'all-rows': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const whole = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) {
      process.stderr.write(`error: --${name} must be a whole number >= ${min}, got '${text}'\n${USAGE}\n`);
      process.exit(2);
    }
    return n;
  };
  const runs = whole('runs', values.runs, 1);
  const load = whole('load', values.load, 0);
  const loadMaxSeconds = whole('load-max-seconds', values['load-max-seconds'], 1);
  const graceSeconds = whole('grace-seconds', values['grace-seconds'], 0);

  const filters =
    positionals.length > 0 ? positionals : values.all ? [] : ['.docker.test.ts', '.browser.test.ts'];
  const root = path.join(import.meta.dirname, '..');
  const vitest = path.join(root, 'node_modules', '.bin', 'vitest');
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-stress-'));
  const rows = new Map<string, Row>();
  const walls: number[] = [];
  let current: ChildProcess | undefined;
  let busy: ChildProcess[] = [];
  const interrupt = interruptVitestOnSignals({
    name: 'stress',
    graceSeconds,
    vitest: () => current,
    interrupted: `vitest ends its running tests and runs their afterAll hooks (up to ${graceSeconds} s; Ctrl-C again to terminate it now)`,
    signals: { SIGINT: 130, SIGTERM: 143 },
    onSignal: () => stopLoad(busy),
  });

  process.stdout.write(
    `stress: ${runs} run(s) of vitest run ${filters.join(' ') || '(every test)'}` +
      `${load ? `, with ${load} busy loop(s) beside them` : ''}; logs in ${logDir}\n`,
  );
  for (let run = 1; run <= runs; run++) {
    const report = path.join(logDir, `run-${run}.json`);
    const logFile = path.join(logDir, `run-${run}.log`);
    busy = startLoad(load, loadMaxSeconds);
    const started = Date.now();
    const output: Buffer[] = [];
    const exitCode = await new Promise<number | null>((resolve) => {
      current = spawn(
        vitest,
        [
          'run',
          '--reporter=dot',
          '--reporter=json',
          `--reporter=${path.join(root, 'scripts', 'graceful-interrupt.ts')}`,
          `--outputFile.json=${report}`,
          ...workerArgs(filters),
          ...filters,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true, env: process.env },
      );
      current.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
      current.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
      current.once('error', (error) => {
        output.push(Buffer.from(`could not start vitest: ${error.message}\n`));
        resolve(null);
      });
      current.once('close', (code) => resolve(code));
    });
    current = undefined;
    stopLoad(busy);
    busy = [];
    const wall = (Date.now() - started) / 1000;
    walls.push(wall);
    writeFileSync(logFile, Buffer.concat(output));
    if (interrupt.stopping !== undefined) {
      process.stderr.write(
        `stress: vitest exited ${interrupt.terminated ? 'after being terminated' : 'cleanly'} (run ${run}'s log: ${logFile})\n`,
      );
      process.exit(interrupt.stopping);
    }

    let json: VitestJson | undefined;
    try {
      json = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
    } catch {
      json = undefined;
    }
    let failedHere = 0;
    let passedHere = 0;
    if (!json) {
      const key = '(vitest) > the run itself';
      const row = rows.get(key) ?? {
        file: '(vitest)',
        name: 'the run itself',
        runs: 0,
        failures: 0,
        seeds: [],
      };
      row.runs++;
      row.failures++;
      row.seeds.push('(no report)');
      rows.set(key, row);
      failedHere++;
    } else {
      for (const file of json.testResults) {
        const fileName = path.relative(root, file.name);
        const failedTests = file.assertionResults.filter((a) => a.status === 'failed');
        if (file.status === 'failed' && failedTests.length === 0) {
          // The file did not load, or a hook failed: one failure of the file itself.
          const key = `${fileName} > (file)`;
          const row = rows.get(key) ?? {
            file: fileName,
            name: '(file: load or hook)',
            runs: 0,
            failures: 0,
            seeds: [],
          };
          row.runs++;
          row.failures++;
          row.seeds.push(seedsIn([file.message ?? ''], undefined));
          row.firstError ??= firstLine([file.message ?? '']);
          rows.set(key, row);
          failedHere++;
        }
        for (const test of file.assertionResults) {
          if (test.status !== 'passed' && test.status !== 'failed') continue;
          const key = `${fileName} > ${test.fullName}`;
          const row = rows.get(key) ?? {
            file: fileName,
            name: test.fullName,
            runs: 0,
            failures: 0,
            seeds: [],
          };
          row.runs++;
          if (test.status === 'failed') {
            row.failures++;
            row.seeds.push(seedsIn(test.failureMessages, test.meta));
            row.firstError ??= firstLine(test.failureMessages);
            failedHere++;
          } else {
            passedHere++;
          }
          rows.set(key, row);
        }
      }
    }
    process.stdout.write(
      `run ${run}/${runs}: ${passedHere} passed, ${failedHere} failed, exit ${exitCode}, ${wall.toFixed(0)} s (log: ${logFile})\n`,
    );
  }

  const all = [...rows.values()].sort((a, b) => b.failures - a.failures || a.file.localeCompare(b.file));
  const shown = values['all-rows'] ? all : all.filter((r) => r.failures > 0);
  const failures = all.reduce((n, r) => n + r.failures, 0);
  process.stdout.write(`\n${formatTable(shown, runs)}\n`);
  for (const row of shown.filter((r) => r.firstError)) {
    process.stdout.write(`\n${row.file} > ${row.name}\n  first failure: ${row.firstError}\n`);
  }
  const total = walls.reduce((a, b) => a + b, 0);
  process.stdout.write(
    `\n${all.length} tests, ${runs} run(s)${load ? ` with ${load} busy loop(s)` : ''}: ${failures} failure(s)` +
      ` in ${shown.filter((r) => r.failures > 0).length} test(s). Wall time per run: ${walls.map((w) => `${w.toFixed(0)} s`).join(', ')}` +
      ` (mean ${(total / walls.length).toFixed(0)} s).\n`,
  );
  writeFileSync(
    path.join(logDir, 'table.json'),
    JSON.stringify({ runs, load, filters, walls, rows: all }, null, 2),
  );
  process.exit(failures > 0 ? 1 : 0);
}
