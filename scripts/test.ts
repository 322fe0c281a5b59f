// `pnpm test`: every test of every package in one vitest run, after a preflight that fails in one line
// when Docker (or chromium, for the site's browser tests) is missing. Never skips: a test that needs
// something absent fails loudly. Ends with one summary line: "N passed, N failed". package.json runs it
// through scripts/require-node.mjs, so an older Node says which version it needs.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectDocker, EnvironmentError } from '@storylabs/lab-kit';

const extraArgs = process.argv.slice(2);

/** One line: what is missing, and what to do about it. */
function fail(message: string, hint: string): never {
  process.stderr.write(`error: ${message}: ${hint}\n`);
  process.exit(2);
}

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

const chromium = process.env.STORYLABS_CHROMIUM ?? '/usr/bin/chromium';
try {
  accessSync(chromium, constants.X_OK);
} catch {
  fail(
    `chromium was not found at ${chromium}; the site's browser tests need it`,
    'install it (`bash scripts/provision.sh chromium fonts` on Debian), or set STORYLABS_CHROMIUM',
  );
}

const report = path.join(mkdtempSync(path.join(os.tmpdir(), 'storylabs-test-')), 'vitest.json');
const result = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs],
  { stdio: 'inherit', env: { ...process.env, STORYLABS_CHROMIUM: chromium } },
);

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
  process.stdout.write(
    `\n${summary.numPassedTests} passed, ${summary.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
  );
} catch {
  process.stdout.write('\n0 passed, 1 failed\n');
}
process.exit(result.status ?? 1);
