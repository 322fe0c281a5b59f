// `pnpm test`: every test of every package in one vitest run, after a preflight that fails in one line
// when Docker (or chromium, for the site's browser tests) is missing. Never skips: a test that needs
// something absent fails loudly. Ends with one summary line: "N passed, N failed". package.json runs it
// through scripts/require-node.mjs, so an older Node says which version it needs.
// `pnpm test:unit` is this script with --unit: no preflight, and the Docker and browser tests left out.
//
// Ctrl-C stops the run cleanly: vitest runs in a process group of its own, so the terminal's SIGINT
// reaches this script only (not vitest's workers, nor the programs the tests started, which would die
// before their afterAll hooks), and this script sends SIGINT to vitest's main process, where
// scripts/graceful-interrupt.ts turns it into a cancelled run: the running tests stop and every afterAll
// hook runs (labs tear their instances down), then vitest exits. A second Ctrl-C, or the grace period
// running out (STORYLABS_TEST_GRACE_SECONDS, default 120), terminates vitest's process group instead
// (SIGTERM, then SIGKILL), which can leave containers behind; this script then says so. SIGTERM and
// SIGHUP (the terminal closing) are handled as Ctrl-C.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDocker, EnvironmentError } from '@storylabs/lab-kit';
import { interruptVitestOnSignals } from './interrupt-vitest.ts';
import { workerArgs } from './vitest-workers.ts';

const unit = process.argv[2] === '--unit';
const given = process.argv.slice(unit ? 3 : 2);
// `pnpm test -- <file>` passes the `--` on; vitest would then ignore the filters after it.
const extraArgs = given[0] === '--' ? given.slice(1) : given;

/** One line: what is missing, and what to do about it. */
function fail(message: string, hint: string): never {
  process.stderr.write(`error: ${message}: ${hint}\n`);
  process.exit(2);
}

const chromium = process.env.STORYLABS_CHROMIUM ?? '/usr/bin/chromium';
if (!unit) {
  try {
    // Also decides whether testcontainers may use Ryuk (only when its image is present: no registry here).
    await connectDocker();
  } catch (error) {
    const message = error instanceof EnvironmentError ? error.message : String(error);
    fail(
      `${message}, and the tests need a Docker engine`,
      'start Docker (`bash scripts/provision.sh docker` on Debian/Ubuntu), or run `pnpm test:unit` for the tests that need none',
    );
  }

  try {
    accessSync(chromium, constants.X_OK);
  } catch {
    fail(
      `chromium was not found at ${chromium}; the site's browser tests need it`,
      'install it (`bash scripts/provision.sh chromium fonts` on Debian), or set STORYLABS_CHROMIUM',
    );
  }
}

const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'storylabs-test-')), 'vitest.json');
const graceText = process.env.STORYLABS_TEST_GRACE_SECONDS ?? '120';
const graceSeconds = Number(graceText);
if (!Number.isInteger(graceSeconds) || graceSeconds < 0) {
  fail(
    `STORYLABS_TEST_GRACE_SECONDS must be a whole number of seconds, got '${graceText}'`,
    'unset it for 120',
  );
}
const vitest = spawn(
  'vitest',
  [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--reporter=${path.join(import.meta.dirname, 'graceful-interrupt.ts')}`,
    `--outputFile.json=${report}`,
    ...(unit ? ['--exclude', '**/*.docker.test.ts', '--exclude', '**/*.browser.test.ts'] : []),
    ...workerArgs(extraArgs),
    ...extraArgs,
  ],
  {
    // Its own process group: the terminal's Ctrl-C reaches this script, which passes it on (above).
    detached: true,
    // vitest run reads no keys; a process outside the terminal's foreground group must not read it. The
    // IPC channel tells vitest (graceful-interrupt.ts) when this script is gone, even by SIGKILL.
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, STORYLABS_CHROMIUM: chromium },
  },
);

const interrupt = interruptVitestOnSignals({
  name: 'test',
  graceSeconds,
  vitest: () => vitest,
  interrupted: `the running tests stop and their afterAll hooks run (up to ${graceSeconds} s; Ctrl-C again to terminate them now)`,
  signals: { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 },
  terminatePrefix: '\n',
});

const status = await new Promise<number | null>((resolve) => {
  vitest.once('error', (error) => {
    process.stderr.write(`error: could not start vitest: ${error.message}\n`);
    resolve(null);
  });
  vitest.once('close', (code) => resolve(code));
});
if (interrupt.stopping !== undefined) {
  process.stderr.write(
    `test: vitest exited ${interrupt.terminated ? 'after being terminated' : 'cleanly'}\n`,
  );
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
}
try {
  const summary = JSON.parse(readFileSync(report, 'utf8')) as VitestJson;
  // A file that failed with no failing test (it did not load, or a hook failed) counts as one failure.
  const brokenFiles = summary.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  const skipped = summary.numPendingTests + summary.numTodoTests;
  if (interrupt.stopping !== undefined) {
    // The files the cancelled run never ran count as failed in the report: only tests that failed count.
    process.stdout.write(
      `\ninterrupted: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed before the run was cancelled\n`,
    );
    process.exit(interrupt.stopping);
  }
  process.stdout.write(
    `\n${summary.numPassedTests} passed, ${summary.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
} catch {
  process.stdout.write(
    interrupt.stopping === undefined ? '\n0 passed, 1 failed\n' : '\ninterrupted: no report\n',
  );
}
process.exit(interrupt.stopping ?? status ?? 1);
