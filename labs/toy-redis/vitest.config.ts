import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'toy-redis',
    globalSetup: ['@storylabs/lab-kit/vitest-global-setup'],
    // A failing test that drew random data prints its seed and the command that replays it.
    setupFiles: ['./test/replay.ts'],
    // A guard against hangs, not a speed check: tests that start programs and servers take several
    // times longer on a loaded machine than vitest's default 5 s allows. Benchmarks measure speed.
    testTimeout: 60_000,
  },
});
