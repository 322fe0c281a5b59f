// A lab's preflight is told which starter is in use (a lab's own checks connect to Docker first, hence a
// Docker test; the fixture lab starts no container).
import { existsSync } from 'node:fs';
import { workspaceDir } from '@storylabs/lab-kit';
import { beforeAll, expect, it } from 'vitest';
import { isolateState, lab, starterLabs } from './helpers.ts';

beforeAll(isolateState);
const inStarterLabs = { labsDir: starterLabs };

it('doctor asks the preflight about the starter in use, or the one --starter names', async () => {
  const plain = await lab(['doctor', 'two-starters'], inStarterLabs);
  expect(plain.code).toBe(0);
  expect(plain.stdout).toMatch(/✔ two-starters: the starter in use\s+starter plain/);
  const fancy = await lab(['doctor', 'two-starters', '--starter', 'fancy'], inStarterLabs);
  expect(fancy.code).toBe(2);
  expect(fancy.stdout).toMatch(/✖ two-starters: the starter in use\s+starter fancy/);
  expect(fancy.stdout).toContain('fix: use plain');
});

it('a starter this machine cannot run is refused before any workspace is made from it', async () => {
  const run = await lab(['two-starters', '--starter', 'fancy'], inStarterLabs);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(
    "this machine cannot run lab 'two-starters': the starter in use: starter fancy",
  );
  expect(run.stderr).toContain('use plain');
  expect(existsSync(workspaceDir('two-starters'))).toBe(false);
});
