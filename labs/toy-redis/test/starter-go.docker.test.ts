// The Go starter (`pnpm lab toy-redis --starter go`): it builds with Go's standard library alone (no
// module download), its workspace is made from it, and it fails `ping` with the same friendly message
// as the TypeScript starter. Never skipped: without Go this fails and says how to install it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { labHarness } from '@storylabs/lab-kit/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { expectStarterFailsPing } from './starter-expectations.ts';

const labDir = join(import.meta.dirname, '..');
const go = spawnSync('go', ['env', 'GOCACHE'], { encoding: 'utf8' });
const hasGo = go.status === 0;
const harness = labHarness(labDir, { starter: 'go' });
let cache: string;
/** Why the instance did not start (without Go, the lab's preflight refuses the Go starter): each test fails with it. */
let upError: unknown;

function started(): void {
  if (upError) throw upError;
}

beforeAll(async () => {
  // No module proxy: the starter must build from the standard library alone. Go's own build cache stays
  // where it is (warm), while the program the starter builds goes to a cache folder of this test's.
  process.env.GOPROXY = 'off';
  process.env.GOTOOLCHAIN = 'local';
  if (hasGo) process.env.GOCACHE = go.stdout.trim();
  cache = mkdtempSync(join(os.tmpdir(), 'toy-redis-go-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  try {
    await harness.up();
  } catch (error) {
    upError = error;
  }
}, 300_000);

afterAll(async () => {
  await harness.down();
  await harness.expectNothingLeft();
  if (cache) rmSync(cache, { recursive: true, force: true });
});

test('Go is installed on this machine', () => {
  expect(
    hasGo,
    'go is not on the PATH: run `bash scripts/provision.sh go` (Debian: apt-get install golang-go; elsewhere https://go.dev/dl/)',
  ).toBe(true);
});

test('the workspace is made from the Go starter', () => {
  started();
  const workspace = harness.ctx.workspace ?? '';
  expect(readdirSync(workspace).sort()).toEqual(['README.md', 'go.mod', 'main.go', 'your_program.sh']);
});

test('the Go starter builds with the standard library alone, and vets clean', () => {
  started();
  const workspace = harness.ctx.workspace ?? '';
  const out = join(cache, 'vet-build');
  const build = spawnSync('go', ['build', '-o', out, '.'], { cwd: workspace, encoding: 'utf8' });
  expect(build.status, `go build failed:\n${build.stderr}${build.error?.message ?? ''}`).toBe(0);
  expect(existsSync(out)).toBe(true);
  const vet = spawnSync('go', ['vet', '.'], { cwd: workspace, encoding: 'utf8' });
  expect(vet.status, `go vet failed:\n${vet.stderr}`).toBe(0);
  const gofmt = spawnSync('gofmt', ['-l', '.'], { cwd: workspace, encoding: 'utf8' });
  expect(gofmt.stdout, 'files gofmt would change').toBe('');
}, 180_000);

test('the Go starter binds, then fails ping with what was sent, what real Redis says, and its own output', async () => {
  started();
  await expectStarterFailsPing(harness.ctx.workspace ?? '', harness.ctx.endpoint('redis', 6379));
}, 120_000);

test("the lab's own ping check fails for the learner the same way", async () => {
  started();
  await harness.expectFail('ping', 'Your server sent no reply to PING within 2 s (connection 1).');
}, 120_000);
