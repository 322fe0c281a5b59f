// The board as its own process: killed with SIGKILL in the middle of a session and started again on
// the same file, it shows the same learners, results and join code; every report it acknowledged
// before the kill is there.
import path from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { reportToBoard } from '../src/index.ts';
import {
  type ChildBoard,
  killChild,
  postJson,
  request,
  sampleResults,
  startChildBoard,
  startChildBoardForRestart,
  temporaryDir,
} from './helpers.ts';

const tmp = temporaryDir();
let running: ChildBoard | undefined;
afterEach(() => killChild(running));
afterAll(() => tmp.remove());

it('survives kill -9: same state, same join code, every acknowledged report kept', async () => {
  const dbFile = path.join(tmp.dir, 'session.sqlite');
  running = await startChildBoardForRestart(['--db', dbFile]);
  const { url, joinCode, port } = running;
  expect(joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

  expect((await postJson(`${url}api/join`, { name: 'Waiting Walt' }, joinCode)).status).toBe(200);
  const acknowledged: number[] = [];
  for (let learner = 0; learner < 5; learner++)
    for (let round = 0; round < 4; round++) {
      const answer = await reportToBoard({
        url,
        code: joinCode,
        name: `Learner ${learner}`,
        lab: 'toy-redis',
        instance: round % 2 ? 'second' : 'default',
        results: sampleResults.map((r, i) => (i < round ? { ...r, status: 'pass' } : r)),
      });
      expect(answer).toMatchObject({ ok: true });
      if (answer.ok && answer.id !== undefined) acknowledged.push(answer.id);
    }
  const before = (await request(`${url}api/state`)).json() as unknown as { serverTime: number };
  const csvBefore = (await request(`${url}export.csv`)).body;

  await killChild(running, 'SIGKILL');
  expect(running.process.signalCode).toBe('SIGKILL');

  running = await startChildBoard(['--db', dbFile, '--port', String(port)]);
  expect(running.joinCode).toBe(joinCode);
  const after = (await request(`${url}api/state`)).json() as unknown as { serverTime: number };
  expect({ ...after, serverTime: 0 }).toEqual({ ...before, serverTime: 0 });
  expect((await request(`${url}export.csv`)).body).toBe(csvBefore);
  expect(acknowledged).toHaveLength(20);
  expect(new Set(acknowledged).size).toBe(20);

  // And it goes on: the old join code still works after the restart.
  expect(
    (
      await postJson(
        `${url}api/report`,
        { name: 'Learner 0', lab: 'toy-redis', results: sampleResults },
        joinCode,
      )
    ).status,
  ).toBe(200);
});

it('stops cleanly on SIGTERM, and refuses a port that is taken with a clear message', async () => {
  const dbFile = path.join(tmp.dir, 'term.sqlite');
  running = await startChildBoard(['--db', dbFile, '--port', '0']);
  const taken = running.port;
  await expect(
    startChildBoard(['--db', path.join(tmp.dir, 'other.sqlite'), '--port', String(taken)]),
  ).rejects.toThrow(/port \d+ on 127\.0\.0\.1 is in use/);
  await killChild(running, 'SIGTERM');
  expect(running.process.exitCode).toBe(0);
});
