import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One vitest run covers every package: each package is a project with its own config.
// Files named *.docker.test.ts need a Docker engine, *.browser.test.ts a built site and chromium;
// `pnpm test:unit` leaves both out.
export default defineConfig({
  test: {
    projects: ['packages/*', 'labs/*', 'site'],
    // At least two test files at a time, even on two cores (vitest's default there is one): the lab
    // tests spend most of their time waiting for containers, and their checks hold on a busy machine.
    // The full suite took 1,020 s with one worker and 854 s with two on this 2-core machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
