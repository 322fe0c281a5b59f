// MULTI/EXEC/DISCARD and SELECT: state belongs to the connection, errors behave as in Redis 7.0.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawClient, TestServer } from './solution-raw-client.ts';
import { startTestServer } from './solution-raw-client.ts';

let server: TestServer;
let first: RawClient;
let second: RawClient;

beforeAll(async () => {
  server = await startTestServer();
  first = await server.connect();
  second = await server.connect();
});

afterAll(async () => {
  first.close();
  second.close();
  await server.stop();
});

beforeEach(async () => {
  for (const client of [first, second]) {
    await client.call('DISCARD');
    await client.call('SELECT', '0');
  }
  await first.call('FLUSHALL');
});

describe('transactions', () => {
  it('queue commands, hide them from other connections, and run them at EXEC', async () => {
    expect(await first.call('MULTI')).toBe('+OK\r\n');
    expect(await first.call('SET', 'a', '1')).toBe('+QUEUED\r\n');
    expect(await first.call('INCR', 'a')).toBe('+QUEUED\r\n');
    expect(await second.call('GET', 'a')).toBe('$-1\r\n');
    expect(await second.call('SET', 'b', 'x')).toBe('+OK\r\n');
    expect(await first.call('EXEC')).toBe('*2\r\n+OK\r\n:2\r\n');
    expect(await second.call('GET', 'a')).toBe('$1\r\n2\r\n');
  });

  it('return an empty array for an empty transaction', async () => {
    expect(await first.call('MULTI')).toBe('+OK\r\n');
    expect(await first.call('EXEC')).toBe('*0\r\n');
  });

  it('put runtime errors in the EXEC array and still run the other commands', async () => {
    await first.call('MULTI');
    for (const command of [
      ['SET', 'a', 'x'],
      ['INCR', 'a'],
      ['GET', 'a'],
      ['PING', 'a', 'b'],
      ['SET', 'c', '1'],
    ]) {
      expect(await first.call(...command)).toBe('+QUEUED\r\n');
    }
    expect(await first.call('EXEC')).toBe(
      "*5\r\n+OK\r\n-ERR value is not an integer or out of range\r\n$1\r\nx\r\n-ERR wrong number of arguments for 'ping' command\r\n+OK\r\n",
    );
    expect(await first.call('GET', 'c')).toBe('$1\r\n1\r\n');
  });

  it('abort at EXEC after a command was refused while queueing', async () => {
    await first.call('MULTI');
    expect(await first.call('SET', 'a')).toBe("-ERR wrong number of arguments for 'set' command\r\n");
    expect(await first.call('SET', 'a', '1')).toBe('+QUEUED\r\n');
    expect(await first.call('nosuch')).toBe("-ERR unknown command 'nosuch', with args beginning with: \r\n");
    expect(await first.call('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    expect(await first.call('GET', 'a')).toBe('$-1\r\n');
    expect(await first.call('EXEC')).toBe('-ERR EXEC without MULTI\r\n');
  });

  it('refuse nested MULTI without aborting, and EXEC or DISCARD without MULTI', async () => {
    expect(await first.call('EXEC')).toBe('-ERR EXEC without MULTI\r\n');
    expect(await first.call('DISCARD')).toBe('-ERR DISCARD without MULTI\r\n');
    expect(await first.call('MULTI', 'now')).toBe("-ERR wrong number of arguments for 'multi' command\r\n");
    await first.call('MULTI');
    expect(await first.call('MULTI')).toBe('-ERR MULTI calls can not be nested\r\n');
    await first.call('SET', 'a', '1');
    expect(await first.call('EXEC')).toBe('*1\r\n+OK\r\n');
  });

  it('abort at once on EXEC with arguments, as Redis does', async () => {
    await first.call('MULTI');
    await first.call('SET', 'a', '1');
    expect(await first.call('EXEC', 'now')).toBe(
      "-EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command\r\n",
    );
    expect(await first.call('EXEC')).toBe('-ERR EXEC without MULTI\r\n');
    expect(await first.call('GET', 'a')).toBe('$-1\r\n');
  });

  it('drop the queue on DISCARD', async () => {
    await first.call('MULTI');
    await first.call('SET', 'a', '1');
    expect(await first.call('DISCARD')).toBe('+OK\r\n');
    expect(await first.call('GET', 'a')).toBe('$-1\r\n');
  });

  it('keep a transaction per connection', async () => {
    await first.call('MULTI');
    expect(await first.call('INCR', 'counter')).toBe('+QUEUED\r\n');
    expect(await second.call('INCR', 'counter')).toBe(':1\r\n');
    expect(await second.call('EXEC')).toBe('-ERR EXEC without MULTI\r\n');
    await second.call('MULTI');
    await second.call('INCR', 'counter');
    expect(await first.call('EXEC')).toBe('*1\r\n:2\r\n');
    expect(await second.call('EXEC')).toBe('*1\r\n:3\r\n');
  });

  it('run SELECT queued in a transaction at EXEC, for the commands after it', async () => {
    await first.call('MULTI');
    await first.call('SELECT', '2');
    await first.call('SET', 'a', 'in-2');
    expect(await first.call('EXEC')).toBe('*2\r\n+OK\r\n+OK\r\n');
    expect(await first.call('GET', 'a')).toBe('$4\r\nin-2\r\n');
    expect(await second.call('GET', 'a')).toBe('$-1\r\n');
  });

  it('end with QUIT inside MULTI like Redis: QUIT runs at once', async () => {
    const quitter = await server.connect();
    quitter.send('MULTI\r\nQUIT\r\nPING\r\n');
    expect(await quitter.untilClosed()).toBe('+OK\r\n+OK\r\n');
  });
});

describe('SELECT', () => {
  it('switches among 16 databases per connection', async () => {
    expect(await first.call('SELECT', '15')).toBe('+OK\r\n');
    expect(await first.call('SET', 'k', 'fifteen')).toBe('+OK\r\n');
    expect(await second.call('GET', 'k')).toBe('$-1\r\n');
    expect(await second.call('SELECT', '15')).toBe('+OK\r\n');
    expect(await second.call('GET', 'k')).toBe('$7\r\nfifteen\r\n');
    expect(await first.call('SELECT', '0')).toBe('+OK\r\n');
    expect(await first.call('DBSIZE')).toBe(':0\r\n');
  });

  it('refuses databases that do not exist with the errors Redis gives', async () => {
    expect(await first.call('SELECT', '16')).toBe('-ERR DB index is out of range\r\n');
    expect(await first.call('SELECT', '-1')).toBe('-ERR DB index is out of range\r\n');
    expect(await first.call('SELECT', 'one')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(await first.call('SELECT', '01')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(await first.call('SELECT', '3000000000')).toBe(
      '-ERR value is out of range, value must between -2147483648 and 2147483647\r\n',
    );
    expect(await first.call('SELECT')).toBe("-ERR wrong number of arguments for 'select' command\r\n");
  });

  it('flushes one database with FLUSHDB and all with FLUSHALL', async () => {
    await first.call('SET', 'zero', '0');
    await first.call('SELECT', '1');
    await first.call('SET', 'one', '1');
    await first.call('FLUSHDB');
    expect(await first.call('DBSIZE')).toBe(':0\r\n');
    expect(await second.call('DBSIZE')).toBe(':1\r\n');
    await first.call('FLUSHALL');
    expect(await second.call('DBSIZE')).toBe(':0\r\n');
  });
});
