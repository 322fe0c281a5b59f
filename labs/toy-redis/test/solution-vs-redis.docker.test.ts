// Differential test: the same bytes go to real Redis (built from environment/redis, Debian's
// redis-server 7.0) and to the solution, and everything each sends back, up to the moment it closes
// the connection, must be identical: a broad hand-written corpus (errors and malformed input
// included), random command sequences, and random protocol-like bytes.
// Left out on purpose: command and subcommand names with a NUL byte. Redis hashes the whole name but
// compares up to the NUL, so whether "GET\0" finds GET depends on its random hash seed.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteWord } from '../solution/commands.ts';
import { type RealRedis, startRealRedis } from './fixtures/real-redis.ts';
import { protocolLikeText } from './protocol-arbitraries.ts';
import type { TestServer } from './solution-raw-client.ts';
import { encodeCommand, RawClient, startTestServer } from './solution-raw-client.ts';

let redis: RealRedis;
let redisPort: number;
let toy: TestServer;

beforeAll(async () => {
  redis = await startRealRedis();
  redisPort = redis.endpoint.port;
  toy = await startTestServer();
}, 180_000);

afterAll(async () => {
  await toy?.stop();
  await redis?.stop();
});

/** Sends `bytes` on a fresh connection, shuts the sending side, and returns all that came back. */
async function exchange(port: number, bytes: string): Promise<string> {
  const setup = await RawClient.connect(port);
  await setup.call('FLUSHALL');
  setup.close();
  const client = await RawClient.connect(port);
  client.send(bytes);
  client.endSending();
  return client.untilClosed();
}

async function expectSameReplies(bytes: string): Promise<void> {
  const [fromRedis, fromToy] = [await exchange(redisPort, bytes), await exchange(toy.server.port, bytes)];
  expect({ bytes, replies: fromToy }).toEqual({ bytes, replies: fromRedis });
}

const resp = (...args: string[]): string => encodeCommand(args).toString('latin1');
const script = (...commands: string[][]): string => commands.map((args) => resp(...args)).join('');

const corpus: Record<string, string> = {
  'PING and ECHO': script(
    ['PING'],
    ['ping', 'hello'],
    ['PING', 'a', 'b'],
    ['ECHO', ''],
    ['ECHO', '\x00\r\n\xff'],
    ['ECHO'],
    ['ECHO', 'a', 'b'],
  ),
  'inline requests and quoting':
    'PING\r\nping\n\r\n   \r\nECHO "a\\x41\\n\\q"\r\nECHO \'it\\\'s\'\r\nECHO a"b c"\r\nECHO\tx\r\nECHO \x0bx\r\nECHO a\x0bb\r\n' +
    'ECHO "a"\x0b\r\nECHO ""\r\nECHO "a\\x4" "\\xZZ" "\\b\\a"\r\nSET k "two words"\r\nGET k\r\n',
  'SET and GET': script(
    ['SET', 'k', 'v'],
    ['GET', 'k'],
    ['GET', 'missing'],
    ['SET', '\x00\xff', '\r\n\x00'],
    ['GET', '\x00\xff'],
    ['SET'],
    ['SET', 'k'],
    ['GET'],
    ['GET', 'a', 'b'],
  ),
  'SET options': script(
    ['SET', 'k', 'v', 'NX'],
    ['SET', 'k', 'w', 'NX'],
    ['SET', 'other', 'v', 'XX'],
    ['SET', 'k', 'w', 'XX'],
    ['SET', 'k', 'x', 'GET'],
    ['SET', 'fresh', 'x', 'GET'],
    ['SET', 'k', 'y', 'nx', 'get'],
    ['SET', 'k', 'v', 'NX', 'NX'],
    ['SET', 'k', 'v', 'NX\x00junk'],
    ['SET', 'k', 'v', 'EX', '10', 'EX', '20'],
    ['TTL', 'k'],
    ['SET', 'k', 'w', 'KEEPTTL'],
    ['TTL', 'k'],
    ['SET', 'k', 'x'],
    ['TTL', 'k'],
    ['SET', 'k', 'v', 'EXAT', '1'],
    ['GET', 'k'],
    ['DBSIZE'],
  ),
  'SET option errors': script(
    ['SET', 'k', 'v', 'EX'],
    ['SET', 'k', 'v', 'NX', 'XX'],
    ['SET', 'k', 'v', 'XX', 'NX'],
    ['SET', 'k', 'v', 'EX', '10', 'PX', '100'],
    ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'],
    ['SET', 'k', 'v', 'KEEPTTL', 'PX', '10'],
    ['SET', 'k', 'v', 'FOO'],
    ['SET', 'k', 'v', 'EX', '0'],
    ['SET', 'k', 'v', 'PX', '-1'],
    ['SET', 'k', 'v', 'EXAT', '0'],
    ['SET', 'k', 'v', 'EX', 'abc'],
    ['SET', 'k', 'v', 'EX', '1.5'],
    ['SET', 'k', 'v', 'EX', '9223372036854775'],
    ['SET', 'k', 'v', 'EX', '9223372036854776'],
    ['SET', 'k', 'v', 'PX', '9223372036854775807'],
    ['SET', 'k', 'v', 'PX', '92233720368547758070'],
    ['DBSIZE'],
  ),
  'DEL and EXISTS': script(
    ['DEL', 'a', 'b'],
    ['SET', 'a', '1'],
    ['EXISTS', 'a', 'a', 'b'],
    ['DEL', 'a', 'a', 'b'],
    ['EXISTS', 'a'],
    ['DEL'],
    ['EXISTS'],
  ),
  'INCR family': script(
    ['INCR', 'n'],
    ['INCRBY', 'n', '41'],
    ['DECR', 'n'],
    ['DECRBY', 'n', '-10'],
    ['GET', 'n'],
    ['DECR', 'm'],
    ['INCRBY', 'n', '0'],
    ['INCR'],
    ['incr', 'a', 'b'],
    ['INCRBY', 'a'],
    ['DECR'],
    ['DecrBy', 'a'],
    ['SET', 'n', '5', 'EX', '100'],
    ['INCR', 'n'],
    ['TTL', 'n'],
  ),
  'INCR errors and overflow': script(
    ...[
      'abc',
      '1.5',
      ' 1',
      '01',
      '-0',
      '+1',
      '',
      '9223372036854775808',
      '-9223372036854775809',
      '1e3',
    ].flatMap((value) => [
      ['SET', 'n', value],
      ['INCR', 'n'],
    ]),
    ['SET', 'n', '5'],
    ...['abc', '1.0', '+1', '', '9223372036854775808', '1\x00', ' 5'].map((increment) => [
      'INCRBY',
      'n',
      increment,
    ]),
    ['SET', 'n', '9223372036854775806'],
    ['INCR', 'n'],
    ['INCR', 'n'],
    ['SET', 'n', '-9223372036854775808'],
    ['DECR', 'n'],
    ['INCRBY', 'n', '-1'],
    ['INCRBY', 'n', '9223372036854775807'],
    ['SET', 'n', '5'],
    ['DECRBY', 'n', '-9223372036854775808'],
    ['DECRBY', 'n', '-9223372036854775807'],
    ['DECRBY', 'n', '9223372036854775807'],
    ['INCRBY', 'n', '-9223372036854775808'],
    ['GET', 'n'],
  ),
  'TTL and PTTL': script(
    ['SET', 'k', 'v', 'EX', '100'],
    ['TTL', 'k'],
    ['TTL', 'nokey'],
    ['PTTL', 'nokey'],
    ['SET', 'k2', 'v'],
    ['TTL', 'k2'],
    ['PTTL', 'k2'],
    ['TTL'],
    ['PTTL', 'a', 'b'],
  ),
  'unknown commands': script(
    ['foo'],
    ['foo', 'a', 'b'],
    ['FOO', 'a\r\nb', 'c'],
    ['f\x00o', 'a'],
    ['nope', 'x'.repeat(200), 'more'],
    ['nope', ...Array.from({ length: 40 }, (_, i) => `arg${i}`)],
    ['n'.repeat(300)],
    [''],
  ),
  'container commands': script(
    ['CONFIG'],
    ['CONFIG', 'FOO'],
    ['config', 'foo'],
    ['CONFIG', 'GET'],
    ['CONFIG', 'GET', 'save'],
    ['CONFIG', 'GET', 'nosuch'],
    ['CONFIG', 'GET', 'save\x00'],
    ['CLIENT'],
    ['CLIENT', 'FOO'],
    ['CLIENT', 'a\r\nb'],
    ['CLIENT', 'SETINFO', 'LIB-NAME', 'x'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'SETNAME', 'worker'],
    ['CLIENT', 'GETNAME'],
    ['CLIENT', 'SETNAME', 'a b'],
    ['CLIENT', 'SETNAME'],
    ['client', 'setname', ''],
    ['CLIENT', 'GETNAME'],
    ['COMMAND', 'FOO'],
    ['COMMAND', 'DOCS', 'nosuch'],
  ),
  'DBSIZE, FLUSHDB, FLUSHALL': script(
    ['DBSIZE'],
    ['SET', 'a', '1'],
    ['DBSIZE'],
    ['DBSIZE', 'x'],
    ['FLUSHDB', 'x'],
    ['FLUSHDB', 'a', 'b'],
    ['FLUSHDB', 'ASYNC'],
    ['FLUSHDB', 'sync'],
    ['FLUSHDB', 'ASYNC\x00x'],
    ['FLUSHALL', 'x'],
    ['FLUSHALL'],
    ['DBSIZE'],
  ),
  SELECT: script(
    ['SELECT'],
    ['SELECT', '16'],
    ['SELECT', '-1'],
    ['SELECT', 'abc'],
    ['SELECT', '3000000000'],
    ['SELECT', '-3000000000'],
    ['SELECT', '01'],
    ['SELECT', '1\x00'],
    ['SELECT', '15'],
    ['SET', 'k', '15'],
    ['SELECT', '0'],
    ['GET', 'k'],
    ['SELECT', '15'],
    ['GET', 'k'],
    ['FLUSHDB'],
    ['DBSIZE'],
  ),
  transactions: script(
    ['EXEC'],
    ['DISCARD'],
    ['MULTI', 'now'],
    ['MULTI'],
    ['MULTI'],
    ['SET', 'a', 'x'],
    ['INCR', 'a'],
    ['GET', 'a'],
    ['PING', 'a', 'b'],
    ['SELECT', '2'],
    ['SET', 'a', 'in-2'],
    ['EXEC'],
    ['GET', 'a'],
    ['SELECT', '0'],
    ['GET', 'a'],
    ['MULTI'],
    ['EXEC'],
    ['MULTI'],
    ['SET', 'b', '1'],
    ['DISCARD'],
    ['GET', 'b'],
  ),
  'transaction errors': script(
    ['MULTI'],
    ['SET', 'a'],
    ['SET', 'a', '1'],
    ['nosuch'],
    ['CONFIG'],
    ['CLIENT', 'FOO'],
    ['EXEC'],
    ['GET', 'a'],
    ['MULTI'],
    ['SET', 'a', '1'],
    ['EXEC', 'now'],
    ['EXEC'],
    ['MULTI'],
    ['DISCARD', 'a'],
    ['DISCARD'],
    ['MULTI'],
    ['GET'],
    ['EXEC'],
  ),
  'QUIT ends the connection, even inside MULTI': 'MULTI\r\nSET a 1\r\nQUIT\r\nPING\r\n',
  'QUIT with arguments': 'QUIT a b\r\nPING\r\n',
  'skipped counts and unchecked bulk terminators':
    '*0\r\n*-1\r\n*-9223372036854775808\r\n*1\r\n$4\r\nPINGXY*1\r\n$4\r\nPING\r\n',
  'a NUL byte hides a line end': 'PING\r\n*1\x00\r\n$4\r\nPING\r\n',
  'NUL in an inline line': 'PING\r\nPI\x00NG\r\nPING\r\n',
  'an unfinished command at the end': 'PING\r\n*2\r\n$3\r\nGET\r\n$3\r\nab',
  'pipelined commands': script(
    ...Array.from({ length: 300 }, (_, i) => [
      ['SET', `k${i}`, String(i)],
      ['INCR', `k${i}`],
    ]).flat(),
  ),
};

const malformed: Record<string, string> = {
  'count not a number': '*abc\r\n',
  'empty count': '*\r\n',
  'count with a leading zero': '*03\r\n',
  'count with a plus sign': '*+1\r\n$4\r\nPING\r\n',
  'count with a trailing space': '*1 \r\n$4\r\nPING\r\n',
  'count above INT_MAX': '*2147483648\r\n',
  'count line ended by LF': '*1\n$4\r\nPING\r\n',
  'random bytes after *': '*\xff\xfe\r\n',
  "bulk without '$'": '*1\r\nx4\r\nPING\r\n',
  "empty line where '$' belongs": '*1\r\n\r\n',
  "LF where '$' belongs": '*1\r\n\n\r\n',
  "a high byte where '$' belongs": '*1\r\n\xff\r\n',
  'negative bulk length': '*1\r\n$-1\r\n',
  'negative zero bulk length': '*1\r\n$-0\r\n',
  'bulk length with a plus sign': '*1\r\n$+4\r\nPING\r\n',
  'bulk length over 512 MB': '*1\r\n$536870913\r\n',
  'bulk length not a number': '*1\r\n$abc\r\n',
  'empty bulk length': '*1\r\n$\r\n',
  'bulk length line ended by LF': '*1\r\n$4\nPING\r\n',
  'unbalanced double quote': 'PING "unbalanced\r\n',
  'unbalanced single quote': "PING 'x\r\n",
  'closing quote followed by a letter': 'PING "a"b\r\n',
  'escaped closing quote': 'ECHO "a\\"\r\n',
  'inline request over 64 KB': 'a'.repeat(65537),
  'count line over 64 KB': `*${'1'.repeat(70000)}`,
  'bulk length line over 64 KB': `*1\r\n$${'1'.repeat(70000)}`,
  'good command, then a bad one': 'PING\r\n*1\r\n$x\r\nPING\r\n',
};

describe('the solution answers byte for byte like redis-server 7.0', () => {
  it('publishes real Redis on 127.0.0.1 only', () => {
    expect(redis.publishedOn.length).toBeGreaterThan(0);
    for (const address of redis.publishedOn) expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it.each(Object.entries(corpus))('%s', async (_, bytes) => {
    await expectSameReplies(bytes);
  });

  it.each(Object.entries(malformed))('malformed: %s', async (_, bytes) => {
    await expectSameReplies(bytes);
  });

  it('on random command sequences', async () => {
    const key = fc.constantFrom('a', 'b', 'n', 'k:1', '', '\x00');
    const value = fc.constantFrom(
      'v',
      '',
      '0',
      '1',
      '-1',
      '42',
      '9223372036854775807',
      '-9223372036854775808',
      '1.5',
      ' 1',
      'x y',
      '"q"',
      '\x00\xff\r\n',
    );
    const integer = fc.constantFrom(
      '1',
      '-1',
      '0',
      '100',
      '9223372036854775807',
      '-9223372036854775808',
      'abc',
      '',
      '01',
    );
    const setOption = fc.constantFrom(
      ['NX'],
      ['XX'],
      ['GET'],
      ['KEEPTTL'],
      ['EX', '100'],
      ['PX', '100000'],
      ['EX', '0'],
      ['EX', 'abc'],
      ['EXAT', '1'],
      ['PX'],
      ['BOGUS'],
    );
    const command = fc.oneof(
      fc
        .tuple(key, value, fc.array(setOption, { maxLength: 3 }))
        .map(([k, v, options]) => ['SET', k, v, ...options.flat()]),
      key.map((k) => ['GET', k]),
      fc.array(key, { maxLength: 3 }).map((keys) => ['DEL', ...keys]),
      fc.array(key, { maxLength: 3 }).map((keys) => ['EXISTS', ...keys]),
      key.map((k) => ['INCR', k]),
      key.map((k) => ['DECR', k]),
      fc.tuple(key, integer).map(([k, by]) => ['INCRBY', k, by]),
      fc.tuple(key, integer).map(([k, by]) => ['DECRBY', k, by]),
      key.map((k) => ['TTL', k]),
      fc.constantFrom(
        ['MULTI'],
        ['EXEC'],
        ['DISCARD'],
        ['PING'],
        ['DBSIZE'],
        ['FLUSHDB'],
        ['GET'],
        ['SET', 'k'],
        ['INCR'],
      ),
      fc.constantFrom('0', '1', '15', '16', '-1', 'x').map((db) => ['SELECT', db]),
      value.map((v) => ['ECHO', v]),
      value.map((v) => ['NOSUCH', v]),
    );
    // Each command goes as a RESP array or as an inline line quoted the redis-cli way.
    const request = fc
      .tuple(command, fc.boolean())
      .map(([args, inline]) => (inline ? `${args.map(quoteWord).join(' ')}\r\n` : resp(...args)));
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 25 }), async (requests) => {
        await expectSameReplies(requests.join(''));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('on random protocol-like bytes', async () => {
    const bytes = protocolLikeText;
    await fc.assert(
      fc.asyncProperty(bytes, async (sent) => {
        await expectSameReplies(sent);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
