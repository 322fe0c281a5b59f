// The tester's own RESP code: encoding, strict reply parsing, escaping, and redis-cli's line splitting.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  encodeCommand,
  encodeReply,
  escapeBytes,
  formatCommand,
  parseReply,
  quoteArg,
  type Reply,
  reply,
  splitArgs,
} from '../checks/resp.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('encodeCommand', () => {
  test('is a RESP array of bulk strings whose lengths count bytes', () => {
    expect(encodeCommand(['SET', 'café', 'a b'])).toEqual(
      Buffer.from('*3\r\n$3\r\nSET\r\n$5\r\ncafé\r\n$3\r\na b\r\n'),
    );
    expect(encodeCommand(['PING']).toString()).toBe('*1\r\n$4\r\nPING\r\n');
  });
});

describe('parseReply', () => {
  test('reads every RESP2 type and says how many bytes it used', () => {
    const raw = bytes('*5\r\n+OK\r\n-ERR no\r\n:-42\r\n$3\r\na\r\n\r\n$-1\r\n+extra');
    const parsed = parseReply(raw);
    expect(parsed.status).toBe('complete');
    if (parsed.status !== 'complete') return;
    expect(parsed.length).toBe(raw.length - '+extra'.length);
    expect(parsed.reply).toEqual(
      reply.array([
        reply.simple('OK'),
        reply.error('ERR no'),
        reply.integer(-42),
        reply.bulk('a\r\n'),
        reply.bulk(null),
      ]),
    );
  });

  test('keeps integers beyond 2^53 exact', () => {
    const parsed = parseReply(bytes(':9223372036854775807\r\n'));
    expect(parsed).toEqual({ status: 'complete', reply: reply.integer(9223372036854775807n), length: 22 });
  });

  test('waits for more bytes when a reply is cut anywhere', () => {
    const whole = bytes('*2\r\n$5\r\nhello\r\n:1\r\n');
    for (let cut = 0; cut < whole.length; cut++) {
      expect(parseReply(whole.subarray(0, cut)).status, `cut at ${cut}`).toBe('incomplete');
    }
    expect(parseReply(whole).status).toBe('complete');
  });

  test.each([
    ['+PONG\n', /"\\n" alone/],
    ['PONG\r\n', /starts with one of \+ - : \$ \*, this one starts with "P"/],
    ['$4\r\ncafé\r\n', /count bytes \(UTF-8\), not characters/],
    ['$2\r\nab\n\r\n', /found "\\n\\r"/],
    [':abc\r\n', /must be followed by an integer/],
    ['$-2\r\n', /-1 \(null\) or 0 to 512 MB/],
    ['*-3\r\n', /-1 \(null\) or more/],
    ['*2\r\n+OK\r\n+A\rB\r\n', /element 2 of an array: a line contains "\\r" before its end/],
    ['_\r\n', /starts with "_"/],
  ])('rejects %j', (text, reason) => {
    const parsed = parseReply(Buffer.from(text));
    expect(parsed.status).toBe('invalid');
    if (parsed.status === 'invalid') expect(parsed.reason).toMatch(reason);
  });

  test('parses what encodeReply writes, for any reply', () => {
    const replyArbitrary: fc.Arbitrary<Reply> = fc.letrec((tie) => ({
      reply: fc.oneof(
        { depthSize: 'small' },
        fc.stringMatching(/^[^\r\n]*$/).map((s) => reply.simple(s)),
        fc.stringMatching(/^[^\r\n]*$/).map((s) => reply.error(s)),
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => reply.integer(n)),
        fc
          .option(fc.uint8Array({ maxLength: 40 }))
          .map((b) => reply.bulk(b === null ? null : Buffer.from(b))),
        fc
          .option(fc.array(tie('reply') as fc.Arbitrary<Reply>, { maxLength: 4 }))
          .map((items) => reply.array(items)),
      ),
    })).reply;
    fc.assert(
      fc.property(replyArbitrary, (r) => {
        const raw = encodeReply(r);
        const parsed = parseReply(raw);
        return (
          parsed.status === 'complete' &&
          parsed.length === raw.length &&
          encodeReply(parsed.reply).equals(raw)
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('escapeBytes', () => {
  test('shows CR, LF, tab, quotes and backslashes as escapes and other non-printables as \\xHH', () => {
    expect(escapeBytes(bytes('+PONG\r\n'))).toBe('"+PONG\\r\\n"');
    expect(escapeBytes(bytes('a"b\\c\td\x01\xc3\xa9'))).toBe('"a\\"b\\\\c\\td\\x01\\xc3\\xa9"');
  });

  test('keeps the head and tail of long input and says how much is left out', () => {
    const shown = escapeBytes(Buffer.alloc(1000, 'a'), 100);
    expect(shown).toBe(`"${'a'.repeat(75)}" ... (900 more bytes) ... "${'a'.repeat(25)}"`);
  });
});

describe('quoteArg and formatCommand', () => {
  test('leave plain words bare and quote the rest the way redis-cli shows them', () => {
    expect(formatCommand(['SET', 'mango:123', 'two words', '', 'say "hi"', "it's"])).toBe(
      'SET mango:123 "two words" "" "say \\"hi\\"" "it\'s"',
    );
    expect(quoteArg(bytes('x\ny\x00'))).toBe('"x\\ny\\x00"');
  });
});

describe('splitArgs (redis-cli line splitting)', () => {
  test.each([
    ['SET a b', ['SET', 'a', 'b']],
    ['  SET   a\tb  ', ['SET', 'a', 'b']],
    ['SET "a b" "c\\"d"', ['SET', 'a b', 'c"d']],
    ['SET k "\\x41\\x6a\\n\\r\\t\\\\"', ['SET', 'k', 'Aj\n\r\t\\']],
    ["SET 'a \"b' 'it\\'s'", ['SET', 'a "b', "it's"]],
    ['SET ""', ['SET', '']],
    ['', []],
  ])('splits %j', (line, expected) => {
    expect(splitArgs(bytes(line))?.map((b) => b.toString('latin1'))).toEqual(expected);
  });

  test.each([['SET "a'], ['SET "a"b'], ["SET 'a"], ["SET 'a'b"]])('rejects %j', (line) => {
    expect(splitArgs(bytes(line))).toBeNull();
  });

  test('gives back the exact bytes of any argument quoted with quoteArg', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { minLength: 1, maxLength: 5 }), (args) => {
        const line = args.map((a) => quoteArg(Buffer.from(a))).join(' ');
        const split = splitArgs(Buffer.from(line, 'latin1'));
        return (
          split !== null &&
          split.length === args.length &&
          split.every((b, i) => b.equals(Buffer.from(args[i] ?? [])))
        );
      }),
      { numRuns: 2000 },
    );
  });
});
