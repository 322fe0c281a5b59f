// Workshop mode end to end: three instances of one lab at once, each checked on its own, every check
// reported to one progress board that a learner joined with `pnpm lab join`.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Board, startBoard } from '@storylabs/board';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolateState, lab } from './helpers.ts';

const LAB = 'hello-http';
const instances = ['ada', 'grace', 'linus'];
let board: Board;

beforeAll(async () => {
  isolateState();
  board = await startBoard({
    dbFile: path.join(mkdtempSync(path.join(os.tmpdir(), 'storylabs-board-')), 'board.sqlite'),
    port: 0,
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(instances.map((i) => lab(['down', LAB, '--instance', i])));
  await board?.close();
}, 300_000);

interface BoardRow {
  name: string;
  lab: string;
  instance: string;
  objectives: { id: string; status: string }[];
}

describe('a workshop on one machine', { timeout: 600_000 }, () => {
  it('runs three instances, checks each on its own, and reports every check to the board', async () => {
    const wrongCode = await lab(['join', board.url, '--name', 'Ada', '--code', 'WRONG-CODE']);
    expect(wrongCode.code).toBe(2);
    expect(wrongCode.stderr).toContain('could not join the board');

    const joined = await lab(['join', board.url, '--name', 'Ada', '--code', board.joinCode]);
    expect(joined.code, joined.stderr).toBe(0);

    const started = await Promise.all(
      instances.map((i) => lab(['up', LAB, '--detach', '--instance', i, '--json'])),
    );
    for (const run of started) expect(run.code, run.stderr).toBe(0);
    const ports = started.map(
      (run) => run.json<{ services: { ports: { host: number }[] }[] }>().services[0]?.ports[0]?.host,
    );
    expect(new Set(ports).size).toBe(3);

    // Only grace's instance is solved: her check passes, the others' still fail.
    expect((await lab(['solve', LAB, '--instance', 'grace'])).code).toBe(0);
    const checks = await Promise.all(instances.map((i) => lab(['check', LAB, 'status-ok', '--instance', i])));
    expect(checks.map((c) => c.code)).toEqual([1, 0, 1]);

    const state = (await (await fetch(`${board.url}api/state`)).json()) as { rows: BoardRow[] };
    const rows = state.rows.filter((r) => r.lab === LAB).sort((a, b) => a.instance.localeCompare(b.instance));
    expect(rows.map((r) => [r.instance, r.objectives.find((o) => o.id === 'status-ok')?.status])).toEqual([
      ['ada', 'fail'],
      ['grace', 'pass'],
      ['linus', 'fail'],
    ]);

    const status = await lab(['status', LAB, '--all', '--json']);
    const listed = status.json<{
      labs: { instance: string; running: boolean; progress: { passed: number } }[];
    }>();
    // (Other test files may run the lab's default instance meanwhile: look at ours only.)
    const ours = listed.labs.filter((l) => instances.includes(l.instance));
    expect(ours.map((l) => [l.instance, l.running, l.progress.passed])).toEqual([
      ['ada', true, 0],
      ['grace', true, 1],
      ['linus', true, 0],
    ]);

    // A check of an instance that is not running names the running ones, and how to start this one.
    const missing = await lab(['check', LAB, '--instance', 'margaret']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`lab '${LAB}' (instance margaret) is not running`);
    const named = /running instances: ([^(]*) \(pick one with --instance <name>\)/.exec(missing.stderr)?.[1];
    expect(named?.split(', ')).toEqual(expect.arrayContaining(instances));
    expect(missing.stderr).toContain(`or start it with \`pnpm lab ${LAB} --instance margaret\``);

    // `down` of one instance leaves the others running.
    expect((await lab(['down', LAB, '--instance', 'grace'])).code).toBe(0);
    const after = await lab(['status', LAB, '--all', '--json']);
    const left = after.json<{ labs: { instance: string }[] }>().labs.map((l) => l.instance);
    expect(left.filter((i) => instances.includes(i))).toEqual(['ada', 'linus']);
  });
});
