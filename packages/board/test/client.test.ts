// The learner's side: reporting answers within its timeout whatever the board does (absent, silent,
// refusing), and the saved join round-trips through the state dir.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import {
  forgetJoin,
  joinBoard,
  joinFile,
  loadJoin,
  normalizeBoardUrl,
  reportCheck,
  reportToBoard,
  saveJoin,
  startBoard,
} from '../src/index.ts';
import { onRestartablePort, sampleResults, temporaryDir } from './helpers.ts';

const tmp = temporaryDir();
afterAll(() => tmp.remove());

it('joins and reports to a board; a wrong code gets a reason naming it', async () => {
  const board = await startBoard({ dbFile: path.join(tmp.dir, 'b.sqlite'), port: 0 });
  try {
    expect(await joinBoard({ url: board.url, code: board.joinCode, name: 'Ada' })).toEqual({
      ok: true,
      alreadyJoined: false,
    });
    const long = {
      id: 'x',
      status: 'fail',
      reason: 'r'.repeat(5000),
      detail: 'not sent',
      hint: { number: 1 },
    };
    const answer = await reportToBoard({
      url: board.url.replace(/\/$/, ''),
      code: board.joinCode.toLowerCase(),
      name: 'Ada',
      lab: 'toy-redis',
      results: [...sampleResults, long],
    });
    expect(answer).toEqual({ ok: true, id: 1 });
    const refused = await reportToBoard({
      url: board.url,
      code: 'NOPE',
      name: 'Ada',
      lab: 'toy-redis',
      results: sampleResults,
    });
    expect(refused).toMatchObject({ ok: false, status: 401 });
    expect(refused.ok || refused.reason).toMatch(/refused the join code \(401\): wrong join code/);
    const bad = await reportToBoard({
      url: board.url,
      code: board.joinCode,
      name: '',
      lab: 'toy-redis',
      results: sampleResults,
    });
    expect(bad).toMatchObject({ ok: false, status: 400 });
  } finally {
    await board.close();
  }
});

it('gives up quickly on a board that is not there, or that never answers', async () => {
  // A port nothing listens on: take one, then close it.
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const unreachable = await reportToBoard({
    url: `127.0.0.1:${deadPort}`,
    code: 'X',
    name: 'A',
    lab: 'l',
    results: sampleResults,
  });
  expect(unreachable).toMatchObject({ ok: false });
  expect(unreachable.ok || unreachable.reason).toMatch(/is unreachable \(ECONNREFUSED\)/);

  const silent = http.createServer(() => {}); // accepts, never answers
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const port = (silent.address() as AddressInfo).port;
    const answer = await reportToBoard({
      url: `http://127.0.0.1:${port}/`,
      code: 'X',
      name: 'A',
      lab: 'l',
      results: sampleResults,
      timeoutMs: 300,
    });
    expect(answer.ok || answer.reason).toMatch(/did not answer within 0\.3 s/);
    const controller = new AbortController();
    const pending = reportToBoard({
      url: `http://127.0.0.1:${port}/`,
      code: 'X',
      name: 'A',
      lab: 'l',
      results: sampleResults,
      signal: controller.signal,
    });
    controller.abort();
    expect(await pending).toEqual({ ok: false, reason: 'reporting to the board was cancelled' });
  } finally {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  }
  expect(await reportToBoard({ url: 'ftp://x', code: 'X', name: 'A', lab: 'l', results: [] })).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/http:\/\/ or https:\/\//),
  });
});

it('saves the join owner-only, loads it back, forgets it, and names a damaged file', () => {
  const stateDir = path.join(tmp.dir, 'state');
  expect(loadJoin(stateDir)).toBeUndefined();
  const saved = saveJoin(stateDir, { url: '192.168.1.10:4477', code: 'K7QX-M4PN', name: 'Ada' });
  expect(saved.url).toBe('http://192.168.1.10:4477/');
  expect(statSync(joinFile(stateDir)).mode & 0o777).toBe(0o600);
  expect(loadJoin(stateDir)).toEqual(saved);
  expect(JSON.parse(readFileSync(joinFile(stateDir), 'utf8'))).toEqual(saved);
  writeFileSync(joinFile(stateDir), '{not json');
  expect(() => loadJoin(stateDir)).toThrow(/board\.json is not valid JSON; join the board again/);
  writeFileSync(joinFile(stateDir), '{"url": 1}');
  expect(() => loadJoin(stateDir)).toThrow(/is not a board join/);
  expect(forgetJoin(stateDir)).toBe(true);
  expect(forgetJoin(stateDir)).toBe(false);
  expect(loadJoin(stateDir)).toBeUndefined();
  expect(() => normalizeBoardUrl('http://[')).toThrow(/is not a board URL/);
  expect(normalizeBoardUrl('https://board.example/room-3?x=1')).toBe('https://board.example/room-3/');
});

it('reportCheck: silent without a join, says an unreachable board once, and says when it is back', async () => {
  const stateDir = path.join(tmp.dir, 'check-state');
  const results = sampleResults;
  expect(await reportCheck({ stateDir, lab: 'toy-redis', results })).toEqual({ reported: false });

  const dbFile = path.join(tmp.dir, 'check.sqlite');
  let board = await onRestartablePort((port) => startBoard({ dbFile, port }));
  const port = board.port;
  saveJoin(stateDir, { url: board.url, code: board.joinCode, name: 'Ada' });
  expect(await reportCheck({ stateDir, lab: 'toy-redis', results })).toEqual({ reported: true });
  await board.close();

  const first = await reportCheck({ stateDir, lab: 'toy-redis', results });
  expect(first.reported).toBe(false);
  expect(first.message).toMatch(/^Not reported to the board: the board at .* is unreachable .*said once/);
  expect(await reportCheck({ stateDir, lab: 'toy-redis', results })).toEqual({ reported: false });

  board = await startBoard({ dbFile, port });
  try {
    expect(await reportCheck({ stateDir, lab: 'toy-redis', instance: 'two', results })).toEqual({
      reported: true,
      message: `Reporting to the board at ${board.url} again.`,
    });
    expect(await reportCheck({ stateDir, lab: 'toy-redis', results })).toEqual({ reported: true });
  } finally {
    await board.close();
  }
  writeFileSync(joinFile(stateDir), 'garbage');
  expect((await reportCheck({ stateDir, lab: 'toy-redis', results })).message).toMatch(/not valid JSON/);
});
