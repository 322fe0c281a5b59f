import { defineProject } from 'vitest/config';

// Unit and HTTP tests start the board in-process or as a child process on 127.0.0.1 with a temporary
// SQLite file; *.browser.test.ts also drives Debian's chromium (left out by `pnpm test:unit`).
export default defineProject({
  test: {
    name: 'board',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
