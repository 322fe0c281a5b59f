// A real client library works against the solution: ioredis connects (INFO ready check, CLIENT
// SETINFO, SELECT), and its commands, pipelines and transactions get what they expect.

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './solution-raw-client.ts';
import { startTestServer } from './solution-raw-client.ts';

let server: TestServer;
let redis: Redis;

beforeAll(async () => {
  server = await startTestServer();
  redis = new Redis({ host: '127.0.0.1', port: server.server.port, db: 3, maxRetriesPerRequest: 0 });
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', () => resolve());
    redis.once('error', reject);
  });
});

afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe('ioredis', () => {
  it('reaches ready and talks to the database it selected', async () => {
    expect(redis.status).toBe('ready');
    expect(await redis.set('greeting', 'hello')).toBe('OK');
    expect(await redis.get('greeting')).toBe('hello');
    const raw = await server.connect();
    expect(await raw.call('GET', 'greeting')).toBe('$-1\r\n');
    await raw.call('SELECT', '3');
    expect(await raw.call('GET', 'greeting')).toBe('$5\r\nhello\r\n');
    raw.close();
  });

  it('round-trips binary values', async () => {
    const value = Buffer.from([0, 1, 2, 253, 254, 255, 13, 10]);
    await redis.set('binary', value);
    expect(await redis.getBuffer('binary')).toEqual(value);
  });

  it('gets numbers, expiries and errors as it expects', async () => {
    expect(await redis.incrby('counter', 5)).toBe(5);
    expect(await redis.decr('counter')).toBe(4);
    expect(await redis.set('ttl', 'v', 'EX', 100)).toBe('OK');
    expect(await redis.ttl('ttl')).toBe(100);
    await redis.set('text', 'abc');
    await expect(redis.incr('text')).rejects.toThrow('ERR value is not an integer or out of range');
    expect(await redis.del('counter', 'ttl', 'nothing')).toBe(2);
    expect(await redis.exists('text', 'text')).toBe(2);
  });

  it('pipelines and runs transactions', async () => {
    const results = await redis.pipeline().set('p', '1').incr('p').get('p').exec();
    expect(results).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, '2'],
    ]);
    expect(await redis.multi().incr('p').incr('p').exec()).toEqual([
      [null, 3],
      [null, 4],
    ]);
  });
});
