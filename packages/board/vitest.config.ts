import { defineProject } from 'vitest/config';

// Unit and HTTP tests start the board in-process or as a child process on 127.0.0.1 with a temporary
// SQLite file; *.browser.test.ts also drives Debian's chromium, and *.docker.test.ts runs instances
// of a fixture lab (both left out by `pnpm test:unit`). The kit's globalSetup settles testcontainers
// first, and does nothing without Docker.
export default defineProject({
  test: {
    name: 'board',
    globalSetup: ['@storylabs/lab-kit/vitest-global-setup'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
