// Expiry: lazily on access and by the periodic sweep. Waits poll for the state a user would see
// (no assertion depends on how fast the machine is).

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
  await client.call('FLUSHALL');
});

/** Repeats `command` until it replies `expected` (the test's timeout bounds the wait). */
async function eventually(expected: string, ...command: string[]): Promise<void> {
  for (;;) {
    if ((await client.call(...command)) === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('expiry', () => {
  it('makes a key with PX disappear once its time has passed', async () => {
    const started = performance.now();
    expect(await client.call('SET', 'k', 'v', 'PX', '300')).toBe('+OK\r\n');
    const before = await client.call('GET', 'k');
    // Still there unless the machine was so busy that 300 ms passed already (then GET proves nothing).
    if (performance.now() - started < 300) expect(before).toBe('$1\r\nv\r\n');
    await eventually('$-1\r\n', 'GET', 'k');
    expect(await client.call('EXISTS', 'k')).toBe(':0\r\n');
    expect(await client.call('TTL', 'k')).toBe(':-2\r\n');
  });

  it('reports TTL in rounded seconds and PTTL in milliseconds', async () => {
    const started = performance.now();
    await client.call('SET', 'k', 'v', 'EX', '100');
    const ttl = Number((await client.call('TTL', 'k')).slice(1, -2));
    // 100 s rounded: 100 unless a busy machine made the tester wait (then at most that much less).
    expect(ttl).toBeLessThanOrEqual(100);
    expect(ttl).toBeGreaterThanOrEqual(Math.round((100_000 - (performance.now() - started)) / 1000));
    const pttl = Number((await client.call('PTTL', 'k')).slice(1, -2));
    expect(pttl).toBeGreaterThan(90_000);
    expect(pttl).toBeLessThanOrEqual(100_000);
    await client.call('SET', 'plain', 'v');
    expect(await client.call('TTL', 'plain')).toBe(':-1\r\n');
    expect(await client.call('PTTL', 'plain')).toBe(':-1\r\n');
    expect(await client.call('PTTL', 'missing')).toBe(':-2\r\n');
    expect(await client.call('TTL')).toBe("-ERR wrong number of arguments for 'ttl' command\r\n");
  });

  it('accepts absolute times (EXAT, PXAT), already past ones included', async () => {
    expect(await client.call('SET', 'past', 'v', 'EXAT', '1')).toBe('+OK\r\n');
    expect(await client.call('GET', 'past')).toBe('$-1\r\n');
    expect(await client.call('SET', 'future', 'v', 'PXAT', String(Date.now() + 100_000))).toBe('+OK\r\n');
    expect(await client.call('TTL', 'future')).toMatch(/^:(99|100)\r\n$/);
  });

  it('handles expiry times beyond 2^53 ms exactly', async () => {
    await client.call('SET', 'far', 'v', 'PXAT', '9223370000000000000');
    const pttl = BigInt((await client.call('PTTL', 'far')).slice(1, -2));
    expect(9223370000000000000n - pttl).toBeGreaterThan(BigInt(Date.now() - 60_000));
    expect(9223370000000000000n - pttl).toBeLessThanOrEqual(BigInt(Date.now()));
  });

  it('lets SET without options clear the TTL, and NX see an expired key as missing', async () => {
    await client.call('SET', 'k', 'v', 'EX', '100');
    await client.call('SET', 'k', 'w');
    expect(await client.call('TTL', 'k')).toBe(':-1\r\n');
    await client.call('SET', 'short', 'v', 'PX', '20');
    await eventually('+OK\r\n', 'SET', 'short', 'again', 'NX');
    expect(await client.call('GET', 'short')).toBe('$5\r\nagain\r\n');
  });

  it('removes expired keys nobody reads (the periodic sweep)', async () => {
    const started = performance.now();
    for (let i = 0; i < 50; i++) await client.call('SET', `gone:${i}`, 'v', 'PX', '500');
    await client.call('SET', 'stays', 'v');
    const size = await client.call('DBSIZE');
    // All 51 keys are there while none can have expired yet; a machine so busy that the SETs took
    // 500 ms or more makes that count prove nothing (the sweep may have begun), so it is checked only then.
    if (performance.now() - started < 500) expect(size).toBe(':51\r\n');
    // DBSIZE counts keys without touching them, so only the sweep can bring it down.
    await eventually(':1\r\n', 'DBSIZE');
  });
});
