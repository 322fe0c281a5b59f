// Replaying the self-tests: every test that draws random data takes its seed from testSeed(), which
// uses TOY_REDIS_SEED when it is set (the same variable replays a learner's check) and a new seed
// otherwise. test/replay.ts adds the seed to the message of a test that fails, with the command that
// replays it.
import type { RunnerTestCase } from 'vitest';
import { newSeed } from '../checks/random.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** The stage seed a toy-redis self-test used (set by testSeed()). */
    toyRedisSeed?: number;
  }
}

let current: RunnerTestCase | undefined;

/** Called by test/replay.ts before each test. */
export function setCurrentTest(test: RunnerTestCase | undefined): void {
  current = test;
}

/** TOY_REDIS_SEED, validated: a whole number, or nothing. */
export function seedFromEnvironment(): number | undefined {
  const text = process.env.TOY_REDIS_SEED;
  if (text === undefined || text === '') return undefined;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`TOY_REDIS_SEED must be a whole number, got '${text}'`);
  }
  return seed;
}

/** The seed of the running test: TOY_REDIS_SEED when set, else a new one. Remembered for its failure message. */
export function testSeed(): number {
  const seed = seedFromEnvironment() ?? newSeed();
  if (current) current.meta.toyRedisSeed = seed;
  return seed;
}
