import { configDefaults, defineProject } from 'vitest/config';

// Unit and HTTP tests start the board in-process or as a child process on 127.0.0.1 with a temporary
// SQLite file, and *.docker.test.ts runs instances of a fixture lab (left out by `pnpm test:unit`). The
// kit's globalSetup settles testcontainers first, and does nothing without Docker. The browser tests
// are a project of their own (vitest.browser.config.ts), run after every Docker test.
export default defineProject({
  test: {
    name: 'board',
    globalSetup: ['@storylabs/lab-kit/vitest-global-setup'],
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
