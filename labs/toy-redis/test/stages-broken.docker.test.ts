// Deliberately broken servers (test/fixtures/broken-*) each fail at the stage that covers their bug,
// with a message that names it. Every earlier stage passes.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runStage, runStages, type StageId } from '../checks/index.ts';
import { type RealRedis, startRealRedis } from './fixtures/real-redis.ts';
import { testSeed } from './seed.ts';

let redis: RealRedis;

beforeAll(async () => {
  redis = await startRealRedis();
}, 300_000);

afterAll(async () => {
  await redis?.stop();
});

interface BrokenCase {
  fixture: string;
  stage: StageId;
  message: string[];
  bindTimeoutMs?: number;
}

const cases: BrokenCase[] = [
  {
    fixture: 'broken-always-pong',
    stage: 'ping-inline',
    message: [
      'Your server\'s reply to the inline command "PING ',
      'your server: "+PONG\\r\\n"',
      'Hint: PING with an argument replies with the argument as a bulk string',
    ],
  },
  {
    fixture: 'broken-pong-to-arrays',
    stage: 'multiple-commands',
    message: [
      "Your server's reply to PING is not what real Redis replies (connection 1, PING ",
      'your server: "+PONG\\r\\n"',
      'Hint: PING with an argument replies with it as a bulk string',
    ],
  },
  {
    fixture: 'broken-missing-crlf',
    stage: 'ping',
    message: [
      'Your server\'s reply to PING is not valid RESP (connection 1): a line ends with "\\n" alone',
      'your server: "+PONG\\n" (not valid RESP)',
      'real Redis:  "+PONG\\r\\n"',
      'Hint: End every line with "\\r\\n": "+PONG\\r\\n", not "+PONG\\n".',
    ],
  },
  {
    fixture: 'broken-incr-error-text',
    stage: 'incr-decr',
    message: [
      "Your server's reply to INCR is not what real Redis replies (connection 1).",
      'your server: "-ERR not a number\\r\\n"',
      'real Redis:  "-ERR value is not an integer or out of range\\r\\n"',
      "Hint: Error texts must match Redis's word for word",
    ],
  },
  {
    fixture: 'broken-shared-transactions',
    stage: 'transactions',
    message: [
      "Your server's reply to GET is not what real Redis replies (connection 2).",
      'your server: "+QUEUED\\r\\n"',
      'real Redis:  "$-1\\r\\n"',
      'Hint: Connection 1 is in a transaction, connection 2 is not',
    ],
  },
  {
    fixture: 'broken-no-expiry',
    stage: 'expiry',
    message: [
      "Your server's reply to GET is not what real Redis replies (connection 1).",
      'real Redis:  "$-1\\r\\n"',
      'Hint: This key was set with PX 500 more than 750 ms ago: it must read as missing.',
    ],
  },
  {
    fixture: 'broken-pipelining-order',
    stage: 'pipelining',
    message: [
      'sent in one write).',
      'Hint: Replies must come back one per command, in the order the commands were sent.',
    ],
  },
  {
    fixture: 'broken-no-info',
    stage: 'pipelining',
    message: [
      'ioredis (a Node.js Redis client, default options) did not get what real Redis gives it, at step 1 of 6:',
      'your server: failed: Connection is closed.',
      'real Redis:  "ready"',
      'ioredis sent:        "*1\\r\\n$4\\r\\ninfo\\r\\n"',
      'Hint: To connect, reply to HELLO with an error',
    ],
  },
  {
    fixture: 'broken-crash',
    stage: 'incr-decr',
    message: [
      'Your server closed the connection instead of replying to DECRBY (connection 1).',
      'Hint: Your server crashed while handling this command',
      'Your program exited with code 1.',
      '| TypeError: decrby is not a function',
    ],
  },
  {
    fixture: 'broken-never-binds',
    stage: 'bind',
    bindTimeoutMs: 2000,
    message: [
      'Nothing accepted a connection on 127.0.0.1:',
      'within 2 s of starting your program, and it is still running.',
      'Hint: Listen on the port given by --port (not a fixed 6379)',
      '| listening on port',
    ],
  },
];

test.each(cases)(
  '$fixture fails at $stage',
  async ({ fixture, stage, message, bindTimeoutMs }) => {
    const results = await runStages({
      workspace: join(import.meta.dirname, 'fixtures', fixture),
      reference: redis.endpoint,
      seed: testSeed(),
      ...(bindTimeoutMs ? { bindTimeoutMs } : {}),
    });
    const last = results.at(-1);
    // On a mismatch, say what the last stage run reported: the stage alone does not tell why.
    const reported = `${last?.id}: ${last?.status}\n${last?.message}`;
    expect(results.slice(0, -1).filter((r) => r.status !== 'passed')).toEqual([]);
    expect(last?.id, reported).toBe(stage);
    expect(last?.status, reported).toBe('failed');
    for (const part of message) expect(last?.message).toContain(part);
  },
  120_000,
);

test('a server that answers +PONG to every read fails multiple-commands too, run on its own', async () => {
  const result = await runStage('multiple-commands', {
    workspace: join(import.meta.dirname, 'fixtures', 'broken-always-pong'),
    reference: redis.endpoint,
    seed: testSeed(),
  });
  expect(result.status, result.message).toBe('failed');
  expect(result.message).toContain('your server: "+PONG\\r\\n"');
  expect(result.message).toContain('Hint: PING with an argument replies with it as a bulk string');
}, 60_000);
