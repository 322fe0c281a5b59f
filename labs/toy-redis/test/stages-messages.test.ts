// The failure messages a learner reads: what was sent, what came back, what real Redis said, a hint.
import { describe, expect, test } from 'vitest';
import type { ReadOutcome } from '../checks/connection.ts';
import {
  describeOutcome,
  type Exchange,
  exchangeFailure,
  formatFailure,
  StageFailure,
  unexpectedBytesFailure,
} from '../checks/failure.ts';
import { passSummary } from '../checks/index.ts';
import { encodeCommand, parseReply, type Reply, reply } from '../checks/resp.ts';
import { compactProblem, type LiveKey } from '../checks/stages/compact.ts';

function replyOutcome(text: string): ReadOutcome {
  const raw = Buffer.from(text, 'latin1');
  const parsed = parseReply(raw);
  if (parsed.status !== 'complete') throw new Error(`not a reply: ${text}`);
  return { kind: 'reply', reply: parsed.reply, raw };
}

function realRedis(text: string): Exchange['reference'] {
  const outcome = replyOutcome(text);
  if (outcome.kind !== 'reply') throw new Error('unreachable');
  return { label: 'real Redis', raw: outcome.raw, reply: outcome.reply };
}

const get = (key: string) => ({ command: ['GET', key], raw: encodeCommand(['GET', key]) });

describe('exchangeFailure', () => {
  test('a timeout names the command, shows it as typed and as bytes, and what real Redis replied', () => {
    const failure = exchangeFailure({
      connection: 'connection 1',
      sent: { command: ['PING'], raw: encodeCommand(['PING']) },
      learner: { kind: 'timeout', partial: Buffer.alloc(0), waitedMs: 2000 },
      reference: realRedis('+PONG\r\n'),
      hint: 'PING is answered with the simple string "+PONG\\r\\n".',
    });
    expect(failure.message).toBe(
      [
        'Your server sent no reply to PING within 2 s (connection 1).',
        '  sent:        PING',
        '               "*1\\r\\n$4\\r\\nPING\\r\\n"',
        '  your server: no reply within 2 s',
        '  real Redis:  "+PONG\\r\\n"',
      ].join('\n'),
    );
    expect(failure.hints).toEqual([
      'Nothing came back: is this command handled yet, and is the reply written to the socket (not just printed)?',
      'PING is answered with the simple string "+PONG\\r\\n".',
    ]);
    expect(failure.blame).toBe('learner');
  });

  test('a reply that started and never ended points at the missing CRLF', () => {
    const failure = exchangeFailure({
      connection: 'connection 1',
      sent: get('k'),
      learner: { kind: 'timeout', partial: Buffer.from('$5\r\nmango'), waitedMs: 2000 },
      reference: realRedis('$5\r\nmango\r\n'),
    });
    expect(failure.message).toContain("Your server's reply to GET never finished (connection 1).");
    expect(failure.message).toContain('your server: "$5\\r\\nmango", then nothing more within 2 s');
    expect(failure.hints[0]).toMatch(/missing "\\r\\n" at its end/);
  });

  test('a reply with a bare LF is invalid RESP, with the reason and the CRLF hint', () => {
    const failure = exchangeFailure({
      connection: 'connection 1',
      sent: { command: ['PING'], raw: encodeCommand(['PING']) },
      learner: {
        kind: 'invalid',
        raw: Buffer.from('+PONG\n'),
        reason: 'a line ends with "\\n" alone; RESP lines end with "\\r\\n"',
      },
      reference: realRedis('+PONG\r\n'),
    });
    expect(failure.message).toContain(
      'Your server\'s reply to PING is not valid RESP (connection 1): a line ends with "\\n" alone; RESP lines end with "\\r\\n".',
    );
    expect(failure.message).toContain('your server: "+PONG\\n" (not valid RESP)');
    expect(failure.hints[0]).toBe('End every line with "\\r\\n": "+PONG\\r\\n", not "+PONG\\n".');
  });

  test.each(['PONG\r\n', '(integer) 1\n', '(nil)\n', '"mango"\n'])(
    'redis-cli display format %j is named as such',
    (text) => {
      const failure = exchangeFailure({
        connection: 'connection 1',
        sent: get('k'),
        learner: { kind: 'invalid', raw: Buffer.from(text), reason: 'not RESP' },
        reference: realRedis('$-1\r\n'),
      });
      expect(failure.hints[0]).toMatch(
        /^That is how redis-cli displays a reply, not what Redis sends: on the wire PONG is "\+PONG\\r\\n"/,
      );
    },
  );

  test('a closed connection after a crash says the program exited', () => {
    const failure = exchangeFailure({
      connection: 'connection 2',
      sent: get('k'),
      learner: { kind: 'closed', partial: Buffer.alloc(0) },
      reference: realRedis('$-1\r\n'),
      programExit: 'exited with code 1',
    });
    expect(failure.message).toContain(
      'Your server closed the connection instead of replying to GET (connection 2).',
    );
    expect(failure.message).toContain('your server: connection closed, no reply');
    expect(failure.hints[0]).toBe(
      'Your server crashed while handling this command: look for the error in its output below.',
    );
  });

  test.each<[string, string, RegExp]>([
    [
      '+mango\r\n',
      '$5\r\nmango\r\n',
      /Real Redis replies with a bulk string \(\$\), yours is a simple string \(\+\)/,
    ],
    [
      '$0\r\n\r\n',
      '$-1\r\n',
      /Real Redis replies with the null bulk string \(\$-1\), yours is a bulk string/,
    ],
    [
      '-ERR not a number\r\n',
      '-ERR value is not an integer or out of range\r\n',
      /Error texts must match Redis's word for word/,
    ],
    ['*2\r\n+OK\r\n:2\r\n', '*2\r\n+OK\r\n:1\r\n', /^$/],
    [
      '*2\r\n+OK\r\n+QUEUED\r\n',
      '*2\r\n+OK\r\n:1\r\n',
      /Element 2: real Redis replies with an integer \(:\), yours is a simple string/,
    ],
    ['*1\r\n+OK\r\n', '*2\r\n+OK\r\n:1\r\n', /Real Redis replies with 2 elements, yours has 1/],
  ])('a wrong reply %j (real Redis: %j) gets the hint %s', (yours, theirs, hint) => {
    const failure = exchangeFailure({
      connection: 'connection 1',
      sent: get('k'),
      learner: replyOutcome(yours),
      reference: realRedis(theirs),
    });
    expect(failure.message).toContain(
      "Your server's reply to GET is not what real Redis replies (connection 1).",
    );
    expect(failure.hints.join('\n')).toMatch(hint);
  });

  test('a pipelined reply says which one it was', () => {
    const failure = exchangeFailure({
      connection: 'connection 1',
      sent: get('k'),
      position: 'reply 7 of 32 sent in one write',
      learner: replyOutcome(':3\r\n'),
      reference: realRedis('$1\r\nv\r\n'),
    });
    expect(failure.message.split('\n')[0]).toBe(
      "Your server's reply to GET is not what real Redis replies (connection 1, reply 7 of 32 sent in one write).",
    );
  });
});

describe('describeOutcome', () => {
  test('says how the connection closed', () => {
    expect(describeOutcome({ kind: 'closed', partial: Buffer.alloc(0), error: 'ECONNRESET' })).toBe(
      'connection closed (ECONNRESET), no reply',
    );
    expect(describeOutcome({ kind: 'closed', partial: Buffer.from('+OK') })).toBe(
      '"+OK", then the connection closed',
    );
  });
});

describe('unexpectedBytesFailure', () => {
  test('shows the extra bytes and what they arrived before', () => {
    const failure = unexpectedBytesFailure('connection 1', Buffer.from('+PONG\r\n'), {
      command: ['ECHO', 'x'],
      raw: encodeCommand(['ECHO', 'x']),
    });
    expect(failure.message).toBe(
      'Your server sent bytes nobody asked for on connection 1, before the tester sent ECHO:\n  "+PONG\\r\\n"',
    );
  });
});

describe('formatFailure', () => {
  test('adds the hints, how the program ended, and its last lines', () => {
    const text = formatFailure(new StageFailure('It broke.', ['Look here.']), {
      lastOutput: ['listening', 'TypeError: x is undefined'],
      exit: 'exited with code 1',
    });
    expect(text).toBe(
      [
        'It broke.',
        'Hint: Look here.',
        'Your program exited with code 1.',
        "Your program's last 2 lines of output:",
        '  | listening',
        '  | TypeError: x is undefined',
      ].join('\n'),
    );
  });

  test('says when the program printed nothing, and leaves the program out of environment failures', () => {
    expect(formatFailure(new StageFailure('It broke.'), { lastOutput: [] })).toBe(
      'It broke.\nYour program printed nothing.',
    );
    expect(formatFailure(new StageFailure('Redis is down.', 'Restart the lab.', 'environment'))).toBe(
      'Redis is down.\nHint: Restart the lab.',
    );
  });
});

describe('compactProblem', () => {
  const now = 1_000_000;
  const expected = new Map<string, LiveKey>([
    ['apple:1', { value: Buffer.from('red') }],
    ['b key:2', { value: Buffer.from('two words') }],
    ['cherry:3', { value: Buffer.from('x'), expiry: { sentAt: now - 1000, px: 100_000 } }],
  ]);
  const lines = (...text: string[]): Reply => reply.array(text.map((t) => reply.bulk(t)));

  test('accepts the canonical lines, and any quoting redis-cli reads the same way', () => {
    expect(
      compactProblem(
        lines('SET apple:1 red', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 99000'),
        expected,
        now,
      ),
    ).toBe(undefined);
    expect(
      compactProblem(
        lines('SET "apple:1" \'red\'', 'SET \'b key:2\' "two\\x20words"', 'SET cherry:3 "x" PX 98900'),
        expected,
        now,
      ),
    ).toBe(undefined);
  });

  test.each<[string, string[], RegExp]>([
    [
      'an unquoted space',
      ['SET apple:1 red', 'SET b key:2 "two words"', 'SET cherry:3 x PX 99000'],
      /it has 4 words/,
    ],
    [
      'unsorted lines',
      ['SET "b key:2" "two words"', 'SET apple:1 red', 'SET cherry:3 x PX 99000'],
      /not sorted by key/,
    ],
    ['a missing key', ['SET apple:1 red', 'SET cherry:3 x PX 99000'], /no line for the live key "b key:2"/],
    [
      'an extra key',
      ['SET apple:1 red', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 99000', 'SET gone:4 y'],
      /gone:4, which is not a live key/,
    ],
    [
      'a wrong value',
      ['SET apple:1 green', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 99000'],
      /the value green; its value is red/,
    ],
    [
      'a missing PX',
      ['SET apple:1 red', 'SET "b key:2" "two words"', 'SET cherry:3 x'],
      /no " PX <milliseconds>" for cherry:3/,
    ],
    [
      'the original PX',
      ['SET apple:1 red', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 100001'],
      /between 98750 and 100000 ms/,
    ],
    [
      'an absolute time',
      ['SET apple:1 red', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 1700000000000'],
      /remaining time/,
    ],
    [
      'an expiry on a key without one',
      ['SET apple:1 red PX 5', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 99000'],
      /an expiry, but it has none/,
    ],
    [
      'an unbalanced quote',
      ['SET apple:1 "red', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 99000'],
      /cannot be read the way redis-cli/,
    ],
    [
      'a lower-case set',
      ['set apple:1 red', 'SET "b key:2" "two words"', 'SET cherry:3 x PX 99000'],
      /should read SET <key> <value>/,
    ],
  ])('names %s', (_, text, problem) => {
    expect(compactProblem(lines(...text), expected, now)?.problem).toMatch(problem);
  });

  test('wants an array of bulk strings', () => {
    expect(compactProblem(reply.error("ERR unknown command 'COMPACT'"), expected, now)?.problem).toMatch(
      /an array of bulk strings, one per live key; yours is an error \(-\): "-ERR unknown command 'COMPACT'\\r\\n"/,
    );
    expect(compactProblem(reply.array([reply.simple('SET a b')]), expected, now)?.problem).toBe(
      'element 1 is not a bulk string.',
    );
  });
});

describe('passSummary', () => {
  test('says how many replies were checked, and how many against real Redis', () => {
    expect(passSummary(0, 0)).toBe('Your program started and accepted connections.');
    expect(passSummary(1, 1)).toBe("1 reply checked, byte for byte against real Redis's.");
    expect(passSummary(42, 42)).toBe("42 replies checked, all 42 byte for byte against real Redis's.");
    expect(passSummary(40, 37)).toBe("40 replies checked, 37 of them byte for byte against real Redis's.");
  });
});
