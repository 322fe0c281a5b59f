// A room on one host: three instances of a fixture lab up at once, each checked on its own and
// reported to one board by a different learner. The board shows three rows; when one learner fixes
// their instance, only their row moves.
import path from 'node:path';
import { labHarness } from '@storylabs/lab-kit/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Board, reportToBoard, startBoard } from '../src/index.ts';
import { request, temporaryDir } from './helpers.ts';

const labDir = new URL('./fixtures/board-room/', import.meta.url);
const learners = ['Ada', 'Grace', 'Linus'].map((name) => ({ name, lab: labHarness(labDir) }));
const tmp = temporaryDir();
let board: Board;

beforeAll(async () => {
  board = await startBoard({ dbFile: path.join(tmp.dir, 'room.sqlite'), port: 0 });
  await Promise.all(learners.map(({ lab }) => lab.up()));
}, 600_000);

afterAll(async () => {
  await Promise.allSettled(learners.map(({ lab }) => lab.down()));
  for (const { lab } of learners) await lab.expectNothingLeft();
  await board?.close();
  tmp.remove();
}, 180_000);

async function checkAndReport(learner: (typeof learners)[number]) {
  const results = await learner.lab.check();
  const sent = await reportToBoard({
    url: board.url,
    code: board.joinCode,
    name: learner.name,
    lab: 'board-room',
    instance: learner.lab.instance,
    results,
    timeoutMs: 10_000,
  });
  expect(sent).toMatchObject({ ok: true });
  return results;
}

async function boardRows() {
  const state = (await request(`${board.url}api/state`)).json() as unknown as {
    rows: {
      name: string;
      instance: string;
      objectives: { id: string; status: string; reason: string | null }[];
    }[];
  };
  return Object.fromEntries(
    state.rows.map((row) => [
      row.name,
      { instance: row.instance, ...Object.fromEntries(row.objectives.map((o) => [o.id, o.status])) },
    ]),
  );
}

it('three instances at once, checked independently, on one board', async () => {
  expect(new Set(learners.map(({ lab }) => lab.instance)).size).toBe(3);
  for (const learner of learners) {
    const results = await checkAndReport(learner);
    expect(results.find((r) => r.id === 'status-ok')).toMatchObject({
      status: 'fail',
      reason: /returned 404/,
    });
  }
  const before = await boardRows();
  for (const { name, lab } of learners)
    expect(before[name]).toEqual({
      instance: lab.instance,
      'status-ok': 'fail',
      'body-bytes': 'needs-answer',
    });

  // Grace fixes her instance, Linus answers the question; everyone checks again.
  const [, grace, linus] = learners;
  if (!grace || !linus) throw new Error('three learners expected');
  await grace.lab.solve();
  expect(await linus.lab.answer('body-bytes', '3 bytes')).toBe(true);
  for (const learner of learners) await checkAndReport(learner);
  const after = await boardRows();
  expect(after.Grace).toMatchObject({ 'status-ok': 'pass', 'body-bytes': 'needs-answer' });
  expect(after.Ada).toMatchObject({ 'status-ok': 'fail', 'body-bytes': 'needs-answer' });
  expect(after.Linus).toMatchObject({ 'status-ok': 'fail', 'body-bytes': 'pass' });
});
