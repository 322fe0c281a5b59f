import { defineConfig } from 'vitest/config';

// One vitest run covers every package: each package is a project with its own config.
// Files named *.docker.test.ts need a Docker engine, *.browser.test.ts a built site and chromium;
// `pnpm test:unit` leaves both out. `pnpm test` runs two files at a time even on two cores
// (scripts/vitest-workers.ts).
export default defineConfig({
  test: {
    // The browser tests (the site's, and the board's own project) form a group of their own, never run
    // beside the Docker tests: chromium aborts page loads when Docker creates a network
    // (ERR_NETWORK_CHANGED).
    projects: ['packages/*', 'packages/board/vitest.browser.config.ts', 'labs/*', 'site'],
  },
});
