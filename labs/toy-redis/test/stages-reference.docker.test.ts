// The stages against known servers: the starter (fails right after bind, kindly), real Redis itself
// ("pass_all": every stage but the custom COMPACT), and the reference solution (every stage).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runStage, runStages, STAGE_IDS } from '../checks/index.ts';
import { type RealRedis, startRealRedis } from './fixtures/real-redis.ts';
import { testSeed } from './seed.ts';
import { expectStarterFailsPing } from './starter-expectations.ts';

const lab = join(import.meta.dirname, '..');
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
let redis: RealRedis;

beforeAll(async () => {
  redis = await startRealRedis();
}, 300_000);

afterAll(async () => {
  await redis?.stop();
});

test('real Redis is published on 127.0.0.1 only', () => {
  expect(redis.publishedOn).toEqual([`127.0.0.1:${redis.endpoint.port}`]);
});

test('the starter binds, then fails ping with what was sent, what real Redis says, and its own output', async () => {
  await expectStarterFailsPing(join(lab, 'starter'), redis.endpoint);
}, 60_000);

describe('real Redis as the program under test (pass_all)', () => {
  const workspace = join(import.meta.dirname, 'fixtures', 'pass-all');

  // Never skipped: without redis-server these fail, and this one says how to fix it.
  test('redis-server is installed on this machine', () => {
    expect(hasRedisServer, 'redis-server is not on the PATH: run `bash scripts/provision.sh lab-tools`').toBe(
      true,
    );
  });

  test.each(STAGE_IDS.filter((id) => id !== 'compact'))(
    'passes %s',
    async (id) => {
      const result = await runStage(id, { workspace, reference: redis.endpoint, seed: testSeed() });
      expect(result.status, result.message).toBe('passed');
    },
    60_000,
  );

  test('fails compact, which real Redis does not have', async () => {
    const result = await runStage('compact', { workspace, reference: redis.endpoint, seed: testSeed() });
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      "COMPACT's reply is not right (database 0): it must be an array of bulk strings",
    );
    expect(result.message).toContain("-ERR unknown command 'COMPACT'");
  }, 60_000);
});

test('the reference solution passes every stage', async () => {
  const results = await runStages({
    workspace: join(lab, 'solution'),
    reference: redis.endpoint,
    seed: testSeed(),
  });
  expect(
    results.map((r) => (r.status === 'passed' ? `${r.id}: passed` : `${r.id}: ${r.status}\n${r.message}`)),
  ).toEqual(STAGE_IDS.map((id) => `${id}: passed`));
}, 180_000);
