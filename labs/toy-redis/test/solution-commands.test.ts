// Every supported command's exact reply bytes, including Redis 7.0's error texts (each expectation
// here was taken from redis-server 7.0.15; solution-vs-redis.docker.test.ts re-checks them live).

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawClient, TestServer } from './solution-raw-client.ts';
import { startTestServer } from './solution-raw-client.ts';

let server: TestServer;
let client: RawClient;

beforeAll(async () => {
  server = await startTestServer();
  client = await server.connect();
});

afterAll(async () => {
  client.close();
  await server.stop();
});

beforeEach(async () => {
  await client.call('SELECT', '0');
  await client.call('FLUSHALL');
});

/** Runs commands in order on one connection and returns their replies. */
async function run(...commands: string[][]): Promise<string[]> {
  const replies: string[] = [];
  for (const command of commands) replies.push(await client.call(...command));
  return replies;
}

describe('PING and ECHO', () => {
  it('answers PING as a RESP array and inline, with and without a message', async () => {
    expect(await client.call('PING')).toBe('+PONG\r\n');
    expect(await client.call('ping', 'hello world')).toBe('$11\r\nhello world\r\n');
    client.send('PING\r\nping\n');
    expect(await client.replies(2)).toEqual(['+PONG\r\n', '+PONG\r\n']);
    expect(await client.call('PING', 'a', 'b')).toBe("-ERR wrong number of arguments for 'ping' command\r\n");
  });

  it('echoes any bytes, including empty and binary', async () => {
    expect(await client.call('ECHO', '')).toBe('$0\r\n\r\n');
    expect(await client.call('ECHO', Buffer.from([0, 13, 10, 255]))).toBe('$4\r\n\x00\r\n\xff\r\n');
    expect(await client.call('ECHO')).toBe("-ERR wrong number of arguments for 'echo' command\r\n");
    expect(await client.call('ECHO', 'a', 'b')).toBe("-ERR wrong number of arguments for 'echo' command\r\n");
  });
});

describe('inline requests (what nc users type)', () => {
  it('splits words and understands redis-cli quoting', async () => {
    client.send('ECHO "a\\x41\\n\\q"\r\nECHO \'it\\\'s\'\r\nECHO a"b c"\r\nECHO\tx\r\nECHO ""\r\n');
    expect(await client.replies(5)).toEqual([
      '$4\r\naA\nq\r\n',
      "$4\r\nit's\r\n",
      '$4\r\nab c\r\n',
      '$1\r\nx\r\n',
      '$0\r\n\r\n',
    ]);
  });

  it('ignores blank lines', async () => {
    client.send('\r\n   \r\n\nPING\r\n');
    expect(await client.replies(1)).toEqual(['+PONG\r\n']);
  });
});

describe('SET and GET', () => {
  it('stores and returns values, binary-safe', async () => {
    const value = Buffer.from([0, 1, 2, 200, 255, 13, 10]);
    expect(await run(['SET', 'k', 'v'], ['GET', 'k'], ['GET', 'missing'])).toEqual([
      '+OK\r\n',
      '$1\r\nv\r\n',
      '$-1\r\n',
    ]);
    expect(await client.call('SET', Buffer.from([1, 0]), value)).toBe('+OK\r\n');
    expect(await client.call('GET', Buffer.from([1, 0]))).toBe(`$7\r\n${value.toString('latin1')}\r\n`);
  });

  it('honours NX, XX and GET', async () => {
    expect(
      await run(
        ['SET', 'k', 'v', 'NX'],
        ['SET', 'k', 'w', 'NX'],
        ['SET', 'other', 'v', 'XX'],
        ['GET', 'other'],
        ['SET', 'k', 'w', 'XX'],
        ['SET', 'k', 'x', 'GET'],
        ['SET', 'fresh', 'x', 'GET'],
        ['SET', 'k', 'y', 'nx', 'get'],
      ),
    ).toEqual([
      '+OK\r\n',
      '$-1\r\n',
      '$-1\r\n',
      '$-1\r\n',
      '+OK\r\n',
      '$1\r\nw\r\n',
      '$-1\r\n',
      '$1\r\nx\r\n',
    ]);
  });

  it('refuses bad options with the errors Redis gives', async () => {
    const syntax = '-ERR syntax error\r\n';
    const invalidExpire = "-ERR invalid expire time in 'set' command\r\n";
    expect(
      await run(
        ['SET'],
        ['SET', 'k'],
        ['GET'],
        ['GET', 'a', 'b'],
        ['SET', 'k', 'v', 'EX'],
        ['SET', 'k', 'v', 'NX', 'XX'],
        ['SET', 'k', 'v', 'EX', '10', 'PX', '100'],
        ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'],
        ['SET', 'k', 'v', 'FOO'],
        ['SET', 'k', 'v', 'EX', '0'],
        ['SET', 'k', 'v', 'PX', '-1'],
        ['SET', 'k', 'v', 'EX', 'abc'],
        ['SET', 'k', 'v', 'EX', '9223372036854775'],
        ['SET', 'k', 'v', 'PX', '9223372036854775807'],
      ),
    ).toEqual([
      "-ERR wrong number of arguments for 'set' command\r\n",
      "-ERR wrong number of arguments for 'set' command\r\n",
      "-ERR wrong number of arguments for 'get' command\r\n",
      "-ERR wrong number of arguments for 'get' command\r\n",
      syntax,
      syntax,
      syntax,
      syntax,
      syntax,
      invalidExpire,
      invalidExpire,
      '-ERR value is not an integer or out of range\r\n',
      invalidExpire,
      invalidExpire,
    ]);
    expect(await client.call('DBSIZE')).toBe(':0\r\n');
  });

  it('takes the last of repeated expiries and keeps the TTL with KEEPTTL', async () => {
    expect(
      await run(
        ['SET', 'k', 'v', 'EX', '10', 'EX', '20'],
        ['TTL', 'k'],
        ['SET', 'k', 'w', 'KEEPTTL'],
        ['TTL', 'k'],
        ['SET', 'k', 'x'],
        ['TTL', 'k'],
      ),
    ).toEqual(['+OK\r\n', ':20\r\n', '+OK\r\n', ':20\r\n', '+OK\r\n', ':-1\r\n']);
  });
});

describe('DEL and EXISTS', () => {
  it('count keys, with EXISTS counting repeats and DEL deleting once', async () => {
    expect(
      await run(
        ['DEL', 'a', 'b'],
        ['SET', 'a', '1'],
        ['EXISTS', 'a', 'a', 'b'],
        ['DEL', 'a', 'a', 'b'],
        ['EXISTS', 'a'],
        ['DEL'],
        ['EXISTS'],
      ),
    ).toEqual([
      ':0\r\n',
      '+OK\r\n',
      ':2\r\n',
      ':1\r\n',
      ':0\r\n',
      "-ERR wrong number of arguments for 'del' command\r\n",
      "-ERR wrong number of arguments for 'exists' command\r\n",
    ]);
  });
});

describe('INCR, INCRBY, DECR, DECRBY', () => {
  it('count from 0 and keep the value a string', async () => {
    expect(
      await run(
        ['INCR', 'n'],
        ['INCRBY', 'n', '41'],
        ['DECR', 'n'],
        ['DECRBY', 'n', '-10'],
        ['GET', 'n'],
        ['DECR', 'm'],
      ),
    ).toEqual([':1\r\n', ':42\r\n', ':41\r\n', ':51\r\n', '$2\r\n51\r\n', ':-1\r\n']);
  });

  it('refuse values that are not 64-bit integers in Redis form', async () => {
    const notInteger = '-ERR value is not an integer or out of range\r\n';
    for (const value of ['abc', '1.5', ' 1', '01', '-0', '+1', '', '9223372036854775808']) {
      await client.call('SET', 'n', value);
      expect(await client.call('INCR', 'n')).toBe(notInteger);
    }
    await client.call('SET', 'n', '5');
    for (const increment of ['abc', '1.0', '+1', '', '9223372036854775808', '1\x00']) {
      expect(await client.call('INCRBY', 'n', increment)).toBe(notInteger);
    }
    expect(await client.call('GET', 'n')).toBe('$1\r\n5\r\n');
  });

  it('refuse to overflow', async () => {
    const overflow = '-ERR increment or decrement would overflow\r\n';
    expect(
      await run(
        ['SET', 'n', '9223372036854775806'],
        ['INCR', 'n'],
        ['INCR', 'n'],
        ['SET', 'n', '-9223372036854775808'],
        ['DECR', 'n'],
        ['INCRBY', 'n', '-1'],
        ['SET', 'n', '5'],
        ['DECRBY', 'n', '-9223372036854775808'],
        ['DECRBY', 'n', '-9223372036854775807'],
        ['INCRBY', 'n', '9223372036854775802'],
      ),
    ).toEqual([
      '+OK\r\n',
      ':9223372036854775807\r\n',
      overflow,
      '+OK\r\n',
      overflow,
      overflow,
      '+OK\r\n',
      '-ERR decrement would overflow\r\n',
      overflow,
      ':9223372036854775807\r\n',
    ]);
  });

  it('check arity with the lower-case command name', async () => {
    expect(await run(['INCR'], ['incr', 'a', 'b'], ['INCRBY', 'a'], ['DECR'], ['DecrBy', 'a'])).toEqual([
      "-ERR wrong number of arguments for 'incr' command\r\n",
      "-ERR wrong number of arguments for 'incr' command\r\n",
      "-ERR wrong number of arguments for 'incrby' command\r\n",
      "-ERR wrong number of arguments for 'decr' command\r\n",
      "-ERR wrong number of arguments for 'decrby' command\r\n",
    ]);
  });

  it('keep the TTL of the key they change', async () => {
    expect(await run(['SET', 'n', '5', 'EX', '100'], ['INCR', 'n'], ['TTL', 'n'])).toEqual([
      '+OK\r\n',
      ':6\r\n',
      ':100\r\n',
    ]);
  });
});

describe('unknown commands', () => {
  it('are refused with Redis 7.0 wording, quoting at most 128 bytes of arguments', async () => {
    expect(await client.call('foo')).toBe("-ERR unknown command 'foo', with args beginning with: \r\n");
    expect(await client.call('FOO', 'a\r\nb', 'c')).toBe(
      "-ERR unknown command 'FOO', with args beginning with: 'a  b' 'c' \r\n",
    );
    expect(await client.call('f\x00o', 'a')).toBe(
      "-ERR unknown command 'f', with args beginning with: 'a' \r\n",
    );
    const long = 'x'.repeat(200);
    expect(await client.call('nope', long, 'more')).toBe(
      `-ERR unknown command 'nope', with args beginning with: '${'x'.repeat(128)}' \r\n`,
    );
  });

  it('and so are unknown subcommands of CONFIG, CLIENT and COMMAND', async () => {
    expect(
      await run(
        ['CONFIG'],
        ['CONFIG', 'FOO'],
        ['config', 'foo'],
        ['CLIENT', 'SETINFO', 'LIB-NAME', 'x'],
        ['COMMAND', 'x'],
      ),
    ).toEqual([
      "-ERR wrong number of arguments for 'config' command\r\n",
      "-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n",
      "-ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n",
      "-ERR unknown subcommand 'SETINFO'. Try CLIENT HELP.\r\n",
      "-ERR unknown subcommand 'x'. Try COMMAND HELP.\r\n",
    ]);
  });
});

describe('what clients send on connect', () => {
  it('answers INFO with a loading:0 line, COMMAND DOCS and CONFIG GET harmlessly', async () => {
    const info = await client.call('INFO');
    expect(info).toMatch(/^\$\d+\r\n# Server\r\n/);
    expect(info).toContain('\r\nloading:0\r\n');
    expect(await client.call('COMMAND', 'DOCS')).toBe('*0\r\n');
    expect(await client.call('CONFIG', 'GET', 'save')).toBe('*2\r\n$4\r\nsave\r\n$0\r\n\r\n');
    expect(await client.call('CONFIG', 'GET', 'appendonly', 'nosuch')).toBe(
      '*2\r\n$10\r\nappendonly\r\n$3\r\nyes\r\n',
    );
    expect(await client.call('CONFIG', 'GET')).toBe(
      "-ERR wrong number of arguments for 'config|get' command\r\n",
    );
  });

  it('keeps a client name per connection', async () => {
    expect(
      await run(
        ['CLIENT', 'GETNAME'],
        ['CLIENT', 'SETNAME', 'worker-1'],
        ['CLIENT', 'GETNAME'],
        ['CLIENT', 'SETNAME', 'a b'],
        ['CLIENT', 'SETNAME', ''],
        ['CLIENT', 'GETNAME'],
      ),
    ).toEqual([
      '$-1\r\n',
      '+OK\r\n',
      '$8\r\nworker-1\r\n',
      '-ERR Client names cannot contain spaces, newlines or special characters.\r\n',
      '+OK\r\n',
      '$-1\r\n',
    ]);
  });

  it('counts and flushes keys', async () => {
    expect(
      await run(
        ['SET', 'a', '1'],
        ['DBSIZE'],
        ['FLUSHDB', 'x'],
        ['FLUSHDB', 'ASYNC'],
        ['DBSIZE'],
        ['FLUSHALL', 'a', 'b'],
        ['DBSIZE', 'x'],
      ),
    ).toEqual([
      '+OK\r\n',
      ':1\r\n',
      '-ERR syntax error\r\n',
      '+OK\r\n',
      ':0\r\n',
      '-ERR syntax error\r\n',
      "-ERR wrong number of arguments for 'dbsize' command\r\n",
    ]);
  });

  it('closes the connection after QUIT, ignoring what follows', async () => {
    const quitter = await server.connect();
    quitter.send('QUIT\r\nPING\r\n');
    expect(await quitter.untilClosed()).toBe('+OK\r\n');
  });
});

describe('pipelining', () => {
  it('answers many commands sent in one write, in order, in one reply write', async () => {
    const commands: string[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 500; i++) {
      commands.push(`*3\r\n$3\r\nSET\r\n$${`k${i}`.length}\r\nk${i}\r\n$${String(i).length}\r\n${i}\r\n`);
      commands.push(`*2\r\n$4\r\nINCR\r\n$${`k${i}`.length}\r\nk${i}\r\n`);
      expected.push('+OK\r\n', `:${i + 1}\r\n`);
    }
    client.send(commands.join(''));
    expect(await client.replies(expected.length)).toEqual(expected);
  });
});
