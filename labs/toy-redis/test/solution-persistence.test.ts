// Persistence: the append-only log in --dir brings keys and expiries back after a restart;
// COMPACT describes the live keys and rewrites the log to match.

import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_FILE_NAME } from '../solution/append-log.ts';
import type { RunningServer } from '../solution/server.ts';
import { startServer } from '../solution/server.ts';
import { RawClient } from './solution-raw-client.ts';

let dir: string;
let server: RunningServer | undefined;
let client: RawClient | undefined;

async function start(): Promise<RawClient> {
  server = await startServer({ port: 0, dir });
  client = await RawClient.connect(server.port);
  return client;
}

async function restart(): Promise<RawClient> {
  client?.close();
  await server?.close();
  return start();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'toy-redis-persistence-'));
});

afterEach(async () => {
  client?.close();
  await server?.close();
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('the append-only log', () => {
  it('brings back keys of every database, with their expiries, after a restart', async () => {
    let redis = await start();
    await redis.call('SET', 'plain', 'value with spaces');
    await redis.call('SET', Buffer.from([0, 255]), Buffer.from([13, 10, 0]));
    await redis.call('SET', 'ttl', 'v', 'EX', '1000');
    await redis.call('SET', 'counter', '41', 'PX', '1000000');
    await redis.call('INCR', 'counter');
    await redis.call('SET', 'deleted', 'v');
    await redis.call('DEL', 'deleted');
    const pttlBefore = Number((await redis.call('PTTL', 'ttl')).slice(1, -2));
    await redis.call('SELECT', '7');
    await redis.call('SET', 'seventh', '7');

    redis = await restart();
    expect(await redis.call('GET', 'plain')).toBe('$17\r\nvalue with spaces\r\n');
    expect(await redis.call('GET', Buffer.from([0, 255]))).toBe('$3\r\n\r\n\x00\r\n');
    expect(await redis.call('GET', 'counter')).toBe('$2\r\n42\r\n');
    expect(await redis.call('TTL', 'counter')).toMatch(/^:(999|1000)\r\n$/);
    expect(await redis.call('EXISTS', 'deleted')).toBe(':0\r\n');
    const pttlAfter = Number((await redis.call('PTTL', 'ttl')).slice(1, -2));
    expect(pttlAfter).toBeGreaterThan(0);
    expect(pttlAfter).toBeLessThanOrEqual(pttlBefore);
    expect(await redis.call('DBSIZE')).toBe(':4\r\n');
    expect(await redis.call('SELECT', '7')).toBe('+OK\r\n');
    expect(await redis.call('GET', 'seventh')).toBe('$1\r\n7\r\n');
  });

  it('keeps expiries as absolute times: a key that expired while the server was down stays gone', async () => {
    let redis = await start();
    await redis.call('SET', 'short', 'v', 'PX', '30');
    await redis.call('SET', 'long', 'v', 'PX', '600000');
    client?.close();
    await server?.close();
    const expiredAt = Date.now() + 30;
    while (Date.now() <= expiredAt) await new Promise((resolve) => setTimeout(resolve, 10));
    redis = await start();
    expect(await redis.call('GET', 'short')).toBe('$-1\r\n');
    expect(await redis.call('GET', 'long')).toBe('$1\r\nv\r\n');
    expect(await redis.call('DBSIZE')).toBe(':1\r\n');
  });

  it('replays FLUSHDB and FLUSHALL', async () => {
    let redis = await start();
    await redis.call('SET', 'a', '1');
    await redis.call('SELECT', '1');
    await redis.call('SET', 'b', '1');
    await redis.call('FLUSHDB');
    await redis.call('SET', 'c', '1');
    redis = await restart();
    expect(await redis.call('DBSIZE')).toBe(':1\r\n');
    await redis.call('SELECT', '1');
    expect(await redis.call('GET', 'c')).toBe('$1\r\n1\r\n');
    await redis.call('FLUSHALL');
    redis = await restart();
    expect(await redis.call('DBSIZE')).toBe(':0\r\n');
  });

  it('drops a last record cut short by a crash and keeps appending after it', async () => {
    let redis = await start();
    await redis.call('SET', 'kept', 'v');
    await server?.close();
    client?.close();
    appendFileSync(join(dir, LOG_FILE_NAME), '*3\r\n$3\r\nSET\r\n$4\r\nlost\r\n$5\r\nval');
    redis = await start();
    expect(await redis.call('GET', 'kept')).toBe('$1\r\nv\r\n');
    expect(await redis.call('GET', 'lost')).toBe('$-1\r\n');
    await redis.call('SET', 'after', 'v');
    redis = await restart();
    expect(await redis.call('GET', 'after')).toBe('$1\r\nv\r\n');
    expect(await redis.call('DBSIZE')).toBe(':2\r\n');
  });

  it('refuses to start on a log it cannot read, naming the file', async () => {
    writeFileSync(join(dir, LOG_FILE_NAME), '*2\r\n$4\r\nLPUSH\r\n$1\r\nk\r\n');
    await expect(startServer({ port: 0, dir })).rejects.toThrow(LOG_FILE_NAME);
  });
});

describe('COMPACT', () => {
  it('replies one SET line per live key, sorted, quoted like redis-cli, with PX for expiring keys', async () => {
    const redis = await start();
    await redis.call('SET', 'b', 'plain');
    await redis.call('SET', 'a', 'two words');
    await redis.call('SET', 'c"q', 'back\\slash\r\n\t\x01\xff');
    await redis.call('SET', 'empty', '');
    await redis.call('SET', 'ttl', 'v', 'PX', '100000');
    await redis.call('SET', 'gone', 'v', 'PX', '1');
    await redis.call('SELECT', '1');
    await redis.call('SET', 'elsewhere', 'v');
    await redis.call('SELECT', '0');
    while ((await redis.call('EXISTS', 'gone')) !== ':0\r\n') await new Promise((r) => setTimeout(r, 5));

    const reply = await redis.call('COMPACT');
    const lines = reply.split('\r\n').filter((_, i) => i > 0 && i % 2 === 0);
    expect(reply.startsWith('*5\r\n')).toBe(true);
    expect(lines.slice(0, 4)).toEqual([
      'SET a "two words"',
      'SET b plain',
      'SET "c\\"q" "back\\\\slash\\r\\n\\t\\x01\\xff"',
      'SET empty ""',
    ]);
    expect(lines[4]).toMatch(/^SET ttl v PX (\d+)$/);
    expect(Number(lines[4]?.split(' ')[4])).toBeLessThanOrEqual(100000);
    expect(await redis.call('COMPACT', 'x')).toBe("-ERR wrong number of arguments for 'compact' command\r\n");
  });

  it('rewrites the log to the live data, which a restart then loads', async () => {
    let redis = await start();
    for (let i = 0; i < 200; i++) await redis.call('SET', 'churn', String(i));
    await redis.call('SET', 'ttl', 'v', 'EX', '1000');
    await redis.call('SELECT', '3');
    await redis.call('SET', 'three', '3');
    const logPath = join(dir, LOG_FILE_NAME);
    const before = statSync(logPath).size;
    await redis.call('COMPACT');
    const after = statSync(logPath).size;
    expect(after).toBeLessThan(before / 10);
    expect(readFileSync(logPath, 'latin1')).toContain('$5\r\nchurn\r\n$3\r\n199\r\n');

    redis = await restart();
    expect(await redis.call('GET', 'churn')).toBe('$3\r\n199\r\n');
    expect(await redis.call('TTL', 'ttl')).toMatch(/^:(999|1000)\r\n$/);
    await redis.call('SELECT', '3');
    expect(await redis.call('GET', 'three')).toBe('$1\r\n3\r\n');
  });
});
