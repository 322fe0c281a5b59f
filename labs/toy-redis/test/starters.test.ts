// Which toolchain the chosen starter needs: the preflight `pnpm lab doctor` and `pnpm lab toy-redis` run.
import type { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import lab from '../lab.ts';
import { GO_INSTALL_FIX, goToolchain } from '../starters.ts';

const answering = (result: { status: number | null; stdout?: string; error?: NodeJS.ErrnoException }) =>
  (() => ({
    stdout: '',
    stderr: '',
    pid: 0,
    output: [],
    signal: null,
    ...result,
  })) as unknown as typeof spawnSync;

test('the lab offers the TypeScript starter by default, and the Go starter', () => {
  expect(Object.keys(lab.starters ?? {})).toEqual(['typescript', 'go']);
  expect(lab.preflight.map((p) => p.title)).toEqual(['Go, for the Go starter']);
});

test('Go is not asked for when the TypeScript starter is in use', () => {
  const missing = answering({
    status: null,
    error: Object.assign(new Error('spawn go ENOENT'), { code: 'ENOENT' }),
  });
  expect(goToolchain('typescript', missing)).toEqual({
    ok: true,
    detail: 'not needed: your workspace uses the typescript starter',
  });
});

test('a missing Go, with the Go starter, says how to install it', () => {
  const missing = answering({
    status: null,
    error: Object.assign(new Error('spawn go ENOENT'), { code: 'ENOENT' }),
  });
  expect(goToolchain('go', missing)).toEqual({
    ok: false,
    detail: 'the Go starter needs Go, and go is not found on the PATH',
    fix: GO_INSTALL_FIX,
  });
  expect(GO_INSTALL_FIX).toContain('apt-get install golang-go');
  expect(GO_INSTALL_FIX).toContain('https://go.dev/dl/');
});

test('an installed Go is named with its version', () => {
  expect(goToolchain('go', answering({ status: 0, stdout: 'go version go1.19.8 linux/amd64\n' }))).toEqual({
    ok: true,
    detail: 'go version go1.19.8 linux/amd64',
  });
});
