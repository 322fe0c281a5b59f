// The lab manifest wires one objective per stage, and the README carries the stage specs as written.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckContext } from '@storylabs/lab-kit/manifest';
import { fakeCheckContext } from '@storylabs/lab-kit/testing';
import { afterEach, expect, test } from 'vitest';
import { checkStage, STAGE_IDS, STAGES } from '../checks/index.ts';
import { README, withCurrentStages } from '../checks/render-readme.ts';
import lab from '../lab.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function context(workspace: string | undefined, debug: string[] = []): CheckContext {
  return fakeCheckContext({
    labId: 'toy-redis',
    endpoint: () => ({ host: '127.0.0.1', port: 1 }),
    workspace,
    debug: (message) => debug.push(message),
  });
}

test('one ordered objective per stage, with its spec and progressive hints', () => {
  expect(lab.id).toBe('toy-redis');
  expect(lab.story).toBe('stories/toy-redis');
  expect(lab.ordered).toBe(true);
  expect(lab.objectives.map((o) => o.id)).toEqual([...STAGE_IDS]);
  for (const [i, objective] of lab.objectives.entries()) {
    const stage = STAGES[i];
    expect(objective.description).toBe(stage?.spec);
    expect(objective.hints.length).toBeGreaterThanOrEqual(2);
    expect(objective.timeoutMs).toBeGreaterThan(stage?.timeoutMs ?? 0);
  }
});

test("real Redis from the lab image, and the learner's server run from the workspace", () => {
  expect(lab.services.redis).toMatchObject({
    build: 'environment/redis',
    ports: [{ container: 6379, label: 'real Redis' }],
    wait: { type: 'healthcheck' },
  });
  expect(lab.starters).toMatchObject({ typescript: { path: 'starter' }, go: { path: 'starter-go' } });
  expect(lab.processes.server?.command).toEqual([
    './your_program.sh',
    '--port',
    '{port}',
    '--dir',
    '{dataDir}',
  ]);
});

test('a check without a workspace says how to get one', async () => {
  expect(await checkStage('ping', context(undefined))).toEqual({
    ok: false,
    reason:
      'This lab runs your server from your workspace, and none is set up: start the lab with `pnpm lab toy-redis`.',
  });
});

test("applying the solution moves the learner's work aside, then copies the reference solution in", async () => {
  const base = await mkdtemp(join(tmpdir(), 'toy-redis-apply-test-'));
  dirs.push(base);
  const workspace = join(base, 'workspace');
  await lab.solution.apply(context(undefined)).then(
    () => expect.unreachable('apply needs a workspace'),
    (err: Error) => expect(err.message).toMatch(/no workspace/),
  );
  await mkdir(workspace);
  await writeFile(join(workspace, 'server.ts'), '// my work');
  const debug: string[] = [];
  await lab.solution.apply(context(workspace, debug));
  const entries = await readdir(base);
  const backup = entries.find((name) => name.startsWith('workspace.bak-'));
  expect(backup).toMatch(/^workspace\.bak-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/);
  expect(await readFile(join(base, backup ?? '', 'server.ts'), 'utf8')).toBe('// my work');
  expect(debug).toEqual([`your workspace was moved to ${join(base, backup ?? '')}`]);
  const solution = await readdir(join(import.meta.dirname, '..', 'solution'));
  expect((await readdir(workspace)).sort()).toEqual(solution.sort());
  expect(await readFile(join(workspace, 'server.ts'), 'utf8')).not.toBe('// my work');
});

test('the README shows every stage spec as the stages define it', async () => {
  const readme = await readFile(README, 'utf8');
  expect(readme, 'run `node checks/render-readme.ts`').toBe(withCurrentStages(readme));
  for (const stage of STAGES) expect(readme).toContain(stage.spec);
  expect(readme).toContain('\n## Benchmark\n');
});
