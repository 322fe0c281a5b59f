import { describe, expect, it } from 'vitest';
import { countInLogs, demuxer, demuxText, type OutputStream, outputCollector } from '../src/docker-output.ts';

/** One frame of Docker's multiplexed stream: type 1 stdout, 2 stderr. */
function frame(type: 0 | 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function payloads(chunks: Buffer[]): [OutputStream, string][] {
  const seen: [OutputStream, string][] = [];
  const feed = demuxer((stream, bytes) => seen.push([stream, bytes.toString('utf8')]));
  for (const chunk of chunks) feed(chunk);
  return seen;
}

const mixed = Buffer.concat([
  frame(1, 'hello\n'),
  frame(2, 'warning: disk\n'),
  frame(1, ''),
  frame(1, 'world\n'),
  frame(2, 'done'),
]);

describe('demuxer', () => {
  it('gives each frame to its stream, in order', () => {
    expect(payloads([mixed])).toEqual([
      ['stdout', 'hello\n'],
      ['stderr', 'warning: disk\n'],
      ['stdout', ''],
      ['stdout', 'world\n'],
      ['stderr', 'done'],
    ]);
  });

  it('gives the same frames however the bytes are cut into chunks', () => {
    const whole = payloads([mixed]);
    for (let cut = 1; cut < mixed.length; cut++) {
      expect(payloads([mixed.subarray(0, cut), mixed.subarray(cut)]), `cut at byte ${cut}`).toEqual(whole);
    }
    const bytes = [...mixed].map((b) => Buffer.from([b]));
    expect(payloads(bytes)).toEqual(whole);
  });

  it('holds a frame back until all of it has come', () => {
    const seen: string[] = [];
    const feed = demuxer((_stream, bytes) => seen.push(bytes.toString()));
    const one = frame(1, 'partial line');
    feed(one.subarray(0, 10));
    expect(seen).toEqual([]);
    feed(one.subarray(10));
    expect(seen).toEqual(['partial line']);
  });

  it('sends stdin frames to stderr, as dockerode does', () => {
    expect(payloads([frame(0, 'typed')])).toEqual([['stderr', 'typed']]);
  });

  it('passes output that is not multiplexed (a TTY) to stdout as it is, from there on', () => {
    const tty = Buffer.from('$ ls -l\ntotal 0\n');
    expect(payloads([frame(1, 'before\n'), tty, Buffer.from([1, 0, 0, 0])])).toEqual([
      ['stdout', 'before\n'],
      ['stdout', '$ ls -l\ntotal 0\n'],
      ['stdout', '\u0001\u0000\u0000\u0000'],
    ]);
  });
});

describe('outputCollector and demuxText', () => {
  it('gather the text of each stream', () => {
    expect(demuxText(mixed)).toEqual({ stdout: 'hello\nworld\n', stderr: 'warning: disk\ndone' });
    expect(demuxText(Buffer.alloc(0))).toEqual({ stdout: '', stderr: '' });
  });

  it('decode a character that is split between two frames', () => {
    const euro = Buffer.from('€', 'utf8');
    const split = Buffer.concat([
      frame(1, Buffer.concat([Buffer.from('price: 5 '), euro.subarray(0, 1)])),
      frame(2, 'between\n'),
      frame(1, Buffer.concat([euro.subarray(1), Buffer.from('\n')])),
    ]);
    expect(demuxText(split)).toEqual({ stdout: 'price: 5 €\n', stderr: 'between\n' });
  });

  it('say what came so far while the stream is still open', () => {
    const collector = outputCollector();
    collector.push(frame(1, 'first\n'));
    expect(collector.text()).toEqual({ stdout: 'first\n', stderr: '' });
    collector.push(frame(2, 'oops\n').subarray(0, 9));
    expect(collector.text()).toEqual({ stdout: 'first\n', stderr: '' });
    collector.push(frame(2, 'oops\n').subarray(9));
    expect(collector.text()).toEqual({ stdout: 'first\n', stderr: 'oops\n' });
  });
});

describe('countInLogs (the `log` readiness wait)', () => {
  it('finds a message split across two frames', () => {
    const logs = Buffer.concat([
      frame(1, 'booting\ndatabase system is re'),
      frame(1, 'ady to accept connections\n'),
    ]);
    // The raw bytes have a frame header in the middle of the message.
    expect(logs.toString('utf8')).not.toContain('ready to accept');
    expect(countInLogs(logs, 'ready to accept connections')).toBe(1);
  });

  it('counts each stream on its own, never across a frame of the other stream', () => {
    const logs = Buffer.concat([frame(1, 'rea'), frame(2, 'dy?\n'), frame(1, 'dy\n'), frame(2, 'ready\n')]);
    expect(countInLogs(logs, 'ready')).toBe(2);
    expect(countInLogs(logs, 'ready?')).toBe(0);
  });

  it('counts nothing in logs that do not have the message', () => {
    expect(countInLogs(Buffer.alloc(0), 'ready')).toBe(0);
    expect(countInLogs(frame(1, 'starting\n'), 'ready')).toBe(0);
  });
});
