// The README's form, `pnpm lab <verb> ... --json`, run through pnpm as a user types it: stdout is one JSON
// document whatever the exit code (pnpm's own "[ELIFECYCLE] Command failed" must not land on stdout).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const labsDir = fileURLToPath(new URL('./fixtures/labs/', import.meta.url));
const env = {
  ...process.env,
  STORYLABS_LABS_DIR: labsDir,
  XDG_STATE_HOME: mkdtempSync(path.join(os.tmpdir(), 'storylabs-pnpm-json-')),
  CI: 'true',
};

function pnpmLab(...args: string[]) {
  const run = spawnSync('pnpm', ['lab', ...args], { cwd: repoRoot, env, encoding: 'utf8', timeout: 300_000 });
  let json: unknown;
  let parseError = '';
  try {
    json = JSON.parse(run.stdout);
  } catch (error) {
    parseError = `${error}\nstdout was:\n${run.stdout}`;
  }
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, json, parseError };
}

afterAll(() => {
  pnpmLab('down', 'always-failing', '--json');
}, 120_000);

describe('pnpm lab ... --json prints valid JSON on stdout', { timeout: 300_000 }, () => {
  it('exit 0: the list of labs', () => {
    const run = pnpmLab('--json');
    expect(run.parseError).toBe('');
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ labs: [{ id: 'always-failing' }] });
  });

  it('exit 2: an unknown lab', () => {
    const run = pnpmLab('check', 'nope', '--json');
    expect(run.parseError).toBe('');
    expect(run.code).toBe(2);
    expect(run.json).toMatchObject({ error: { message: "unknown lab 'nope'", exitCode: 2 } });
    // pnpm still says the command failed, on stderr where a person sees it.
    expect(run.stderr).toContain('Command failed with exit code 2');
  });

  it('exit 1: a failing check', () => {
    const up = pnpmLab('always-failing', '--detach', '--json');
    expect(up.parseError).toBe('');
    expect(up.code, up.stderr).toBe(0);
    const run = pnpmLab('check', 'always-failing', '--json');
    expect(run.parseError).toBe('');
    expect(run.code).toBe(1);
    expect(run.json).toMatchObject({
      lab: 'always-failing',
      passed: 0,
      objectives: [{ id: 'never', status: 'fail', reason: 'this check always fails' }],
    });
    const down = pnpmLab('down', 'always-failing', '--json');
    expect(down.parseError).toBe('');
    expect(down.code).toBe(0);
  });
});
