// The board's HTTP API as a learner's CLI, a broken client or a hostile one meets it: every refusal
// has its status and a message naming the problem, nothing refused is stored, and the board keeps
// answering afterwards.
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Board, type BoardOptions, describeExposure, startBoard } from '../src/index.ts';
import { reachableUrls } from '../src/server.ts';
import { postJson, request, sampleResults, temporaryDir } from './helpers.ts';

const tmp = temporaryDir();
afterAll(() => tmp.remove());

let counter = 0;
const started: Board[] = [];
async function board(options: Partial<BoardOptions> = {}): Promise<Board> {
  counter += 1;
  const b = await startBoard({
    dbFile: path.join(tmp.dir, `board-${counter}.sqlite`),
    port: 0,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
  started.push(b);
  return b;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((b) => b.close()));
});

const report = (name = 'Ada', extra: Record<string, unknown> = {}) => ({
  name,
  lab: 'toy-redis',
  instance: 'default',
  results: sampleResults,
  ...extra,
});

async function state(b: Board) {
  return (await request(`${b.url}api/state`)).json() as unknown as {
    participants: { name: string }[];
    rows: { name: string; objectives: { id: string; status: string }[] }[];
  };
}

async function expectNothingStored(b: Board) {
  const s = await state(b);
  expect(s.participants).toEqual([]);
  expect(s.rows).toEqual([]);
}

describe('a learner with the join code', () => {
  it('joins, reports, and the board holds the latest results in order', async () => {
    const b = await board({ joinCode: 'TEST-CODE' });
    expect(b.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(b.joinCode).toBe('TEST-CODE');
    expect((await postJson(`${b.url}api/join`, { name: '  Ada  ' }, 'TEST-CODE')).json()).toEqual({
      ok: true,
      name: 'Ada',
      alreadyJoined: false,
    });
    // Joining again (or someone else taking the same name) is allowed, and said.
    expect((await postJson(`${b.url}api/join`, { name: 'Ada' }, 'TEST-CODE')).json()).toMatchObject({
      alreadyJoined: true,
    });
    const first = await postJson(`${b.url}api/report`, report(), 'TEST-CODE');
    expect(first.status).toBe(200);
    expect(first.json()).toMatchObject({ ok: true, id: 1 });
    // Typed off a projector: case, spaces and dashes do not matter.
    const second = await postJson(
      `${b.url}api/report`,
      report('Ada', { results: sampleResults.map((r) => ({ ...r, status: 'pass' })) }),
      'test code',
    );
    expect(second.status).toBe(200);
    const s = await state(b);
    expect(s.participants.map((p) => p.name)).toEqual(['Ada']);
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]?.objectives.map((o) => [o.id, o.status])).toEqual([
      ['ping', 'pass'],
      ['set-get', 'pass'],
      ['persist', 'pass'],
    ]);
  });

  it('tells watching pages at once (server-sent events: a snapshot, then the new row)', async () => {
    const b = await board();
    const events: { event: string; data: unknown }[] = [];
    const req = http.get(`${b.url}events`, { agent: false });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    let buffer = '';
    const arrived = new Promise<void>((resolve) => {
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          if (event === 'row') resolve();
          end = buffer.indexOf('\n\n');
        }
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await postJson(`${b.url}api/report`, report('Grace'), b.joinCode)).status).toBe(200);
    await arrived;
    req.destroy();
    expect((await request(`${b.url}events`, { method: 'HEAD' })).status).toBe(200);
    expect(events[0]?.event).toBe('snapshot');
    expect(events.at(-1)).toMatchObject({ event: 'row', data: { row: { name: 'Grace', lab: 'toy-redis' } } });
  });
});

describe('refused, and nothing stored', () => {
  it('401 without a join code, or with a wrong one', async () => {
    const b = await board({ joinCode: 'RIGHT-CODE' });
    const missing = await postJson(`${b.url}api/report`, report());
    expect(missing.status).toBe(401);
    expect(missing.json().error).toMatch(/missing join code/);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await postJson(`${b.url}api/report`, report(), 'WRONG-CODE');
    expect(wrong.status).toBe(401);
    expect(wrong.json().error).toMatch(/wrong join code/);
    const notBearer = await request(`${b.url}api/report`, {
      method: 'POST',
      headers: { authorization: 'Basic UklHSFQtQ09ERQ==' },
      body: JSON.stringify(report()),
    });
    expect(notBearer.status).toBe(401);
    expect((await postJson(`${b.url}api/join`, { name: 'Mallory' }, 'WRONG')).status).toBe(401);
    await expectNothingStored(b);
  });

  it('400 for malformed JSON, a body that is not UTF-8, and every field that does not fit', async () => {
    const b = await board();
    const post = (body: string | Buffer) =>
      request(`${b.url}api/report`, {
        method: 'POST',
        headers: { authorization: `Bearer ${b.joinCode}` },
        body,
      });
    const malformed = await post('{"name": "Ada", ');
    expect(malformed.status).toBe(400);
    expect(malformed.json().error).toMatch(/^malformed JSON/);
    expect((await post('')).status).toBe(400);
    const notUtf8 = await post(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.json().error).toMatch(/UTF-8/);

    const cases: [unknown, RegExp][] = [
      [[1, 2], /JSON object/],
      ['"text"', /JSON object/],
      [report(''), /name must not be empty/],
      [report('x'.repeat(61)), /name is longer than 60/],
      [report('Ada\u0000'), /control characters/],
      [report('Ada\nBob'), /control characters/],
      [report(42 as unknown as string), /name must be a string/],
      [report('Ada', { lab: '../etc' }), /lab must be a lab id/],
      [report('Ada', { instance: 'a b' }), /instance must be an instance name/],
      [report('Ada', { results: [] }), /results must not be empty/],
      [report('Ada', { results: 'all good' }), /results must be an array/],
      [
        report('Ada', { results: Array.from({ length: 101 }, (_, i) => ({ id: `o${i}`, status: 'pass' })) }),
        /more than 100/,
      ],
      [
        report('Ada', {
          results: [
            { id: 'a', status: 'pass' },
            { id: 'a', status: 'fail' },
          ],
        }),
        /appears twice/,
      ],
      [report('Ada', { results: [{ id: 'a', status: 'PASS!' }] }), /results\[0\]\.status/],
      [report('Ada', { results: [{ status: 'pass' }] }), /results\[0\]\.id must be a string/],
      [
        report('Ada', { results: [{ id: 'a', status: 'fail', reason: 'x'.repeat(1001) }] }),
        /reason is longer/,
      ],
      [report('Ada', { results: [{ id: 'a', status: 'fail', title: 7 }] }), /title must be a string/],
    ];
    for (const [body, message] of cases) {
      const response = await post(typeof body === 'string' ? body : JSON.stringify(body));
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json().error).toMatch(message);
    }
    expect((await postJson(`${b.url}api/join`, { name: '' }, b.joinCode)).status).toBe(400);
    await expectNothingStored(b);
  });

  it('413 for a body over the limit, whether announced or streamed', async () => {
    const b = await board({ maxBodyBytes: 1024 });
    const big = JSON.stringify(report('Ada', { padding: 'x'.repeat(2000) }));
    const announced = await request(`${b.url}api/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.joinCode}` },
      body: big,
    });
    expect(announced.status).toBe(413);
    expect(announced.json().error).toMatch(/larger than 1024 bytes/);
    const streamed = await request(`${b.url}api/report`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.joinCode}`, 'transfer-encoding': 'chunked' },
      body: big,
      chunked: true,
    });
    expect(streamed.status).toBe(413);
    await expectNothingStored(b);
  });

  it('429 with Retry-After for a flood from one learner; other learners still get through', async () => {
    const b = await board({ rateLimits: { perLearner: { burst: 5, perSecond: 0.001 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await postJson(`${b.url}api/report`, report('Flood'), b.joinCode)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const limited = await postJson(`${b.url}api/report`, report('Flood'), b.joinCode);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatch(/too many reports from Flood/);
    expect((await postJson(`${b.url}api/report`, report('Calm'), b.joinCode)).status).toBe(200);
    const s = await state(b);
    expect(s.rows.map((r) => r.name).sort()).toEqual(['Calm', 'Flood']);
  });

  it('429 for a flood from one address, and for guessing join codes', async () => {
    const b = await board({
      rateLimits: { perAddress: { burst: 30, perSecond: 0.001 }, failedAuth: { burst: 3, perSecond: 0.001 } },
    });
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++)
      guesses.push((await postJson(`${b.url}api/report`, report(), `GUESS${i}`)).status);
    expect(guesses).toEqual([401, 401, 401, 429, 429]);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await request(`${b.url}healthz`)).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    await expectNothingStored(await board()); // a fresh board: nothing of the flood
  });

  it('under default limits, a burst of 60 reports from one learner is cut off and the board keeps answering', async () => {
    const b = await board();
    const statuses = await Promise.all(
      Array.from({ length: 60 }, () => postJson(`${b.url}api/report`, report('Burst'), b.joinCode)),
    );
    expect(statuses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(10);
    expect(statuses.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect((await request(`${b.url}healthz`)).status).toBe(200);
  });
});

describe('watching pages', () => {
  it('limits how many pages one address keeps open, and frees a slot when a page goes', async () => {
    const b = await board({ maxWatchersPerAddress: 2 });
    const open = () =>
      new Promise<http.ClientRequest & { status?: number }>((resolve) => {
        const req = http.get(`${b.url}events`, { agent: false }, (res) => {
          Object.assign(req, { status: res.statusCode });
          resolve(req);
        });
      });
    const first = await open();
    const second = await open();
    const third = await open();
    expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
    first.destroy();
    await expect
      .poll(async () => {
        const next = await open();
        next.destroy();
        return next.status;
      })
      .toBe(200);
    second.destroy();
    third.destroy();
  });
});

describe('never crashes', () => {
  it('answers garbage on the socket with 400 and keeps serving', async () => {
    const b = await board();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(b.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    // A client that hangs up halfway through its body.
    await new Promise<void>((resolve) => {
      const req = http.request(`${b.url}api/report`, {
        method: 'POST',
        headers: { authorization: `Bearer ${b.joinCode}`, 'content-length': '500' },
        agent: false,
      });
      req.on('error', () => resolve());
      req.write('{"name":"Half');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    expect((await request(`${b.url}nowhere`)).status).toBe(404);
    expect((await request(`${b.url}api/report`)).status).toBe(405);
    expect((await request(`${b.url}export.csv`, { method: 'DELETE' })).status).toBe(405);
    expect((await request(`${b.url}healthz`)).json()).toEqual({ ok: true });
    await expectNothingStored(b);
  });
});

describe('the page and the export', () => {
  it('serves the page with a strict Content-Security-Policy and no learner data in its HTML', async () => {
    const b = await board();
    await postJson(`${b.url}api/report`, report('<script>alert(1)</script>'), b.joinCode);
    const page = await request(b.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.body).not.toContain('alert(1)');
    expect((await request(`${b.url}board.js`)).headers['content-type']).toMatch(/javascript/);
  });

  it('exports CSV with quoting, and defuses cells a spreadsheet would run as formulas', async () => {
    const b = await board();
    await postJson(
      `${b.url}api/report`,
      report('=HYPERLINK("http://x")', {
        results: [{ id: 'a', title: 'Quotes "and", commas', status: 'fail', reason: 'line one' }],
      }),
      b.joinCode,
    );
    await postJson(`${b.url}api/join`, { name: 'Late Joiner' }, b.joinCode);
    const csv = await request(`${b.url}export.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="storylabs-board-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'name,lab,instance,position,objective,title,status,reason,unsolved_since,passed_at,first_report,last_report,reports',
    );
    expect(lines[1]).toMatch(
      /^"'=HYPERLINK\(""http:\/\/x""\)",toy-redis,default,1,a,"Quotes ""and"", commas",fail,line one,\d{4}-/,
    );
    expect(lines[2]).toBe('Late Joiner,,,,,,joined,,,,,,0');
  });
});

describe('the join code and the file', () => {
  it('keeps its join code in the file, refuses an unusable one, and a second board on the same file', async () => {
    const dbFile = path.join(tmp.dir, 'keep.sqlite');
    const first = await startBoard({ dbFile, port: 0 });
    expect(first.joinCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await expect(startBoard({ dbFile, port: 0 })).rejects.toThrow(/in use by another board/);
    await first.close();
    const again = await startBoard({ dbFile, port: 0 });
    expect(again.joinCode).toBe(first.joinCode);
    await again.close();
    await expect(startBoard({ dbFile, port: 0, joinCode: 'x' })).rejects.toThrow(
      /4 to 64 letters and digits/,
    );
  });

  it('says what listening beyond loopback exposes, and which addresses learners can use', async () => {
    expect(describeExposure('0.0.0.0', 4477)).toMatch(
      /every network interface, port 4477: .*names and progress/,
    );
    expect(describeExposure('127.0.0.1', 4477)).toMatch(/^Listening on 127\.0\.0\.1 only/);
    const nic = (address: string, internal = false) =>
      ({ address, internal, family: 'IPv4', netmask: '255.255.255.0', mac: '', cidr: null }) as const;
    expect(
      reachableUrls('0.0.0.0', 4477, {
        lo: [nic('127.0.0.1', true)],
        eth0: [nic('192.168.1.20')],
        docker0: [nic('172.17.0.1')],
        'br-1234': [nic('172.19.0.1')],
        wlan0: [nic('169.254.3.3'), nic('10.0.0.7')],
      }),
    ).toEqual(['http://192.168.1.20:4477/', 'http://10.0.0.7:4477/']);
    expect(reachableUrls('127.0.0.1', 4477)).toEqual(['http://127.0.0.1:4477/']);
    const local = await board();
    expect(local.exposure).toMatch(/only/);
    expect(local.urls).toEqual([local.url]);
  });
});
