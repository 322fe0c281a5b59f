import { defineProject } from 'vitest/config';

// The board in Debian's chromium. Chromium aborts page loads and live connections with
// ERR_NETWORK_CHANGED when Docker creates or removes a network, which the Docker tests do all the time;
// so these run with the site's browser tests, after every Docker test has finished (the same group).
export default defineProject({
  test: {
    name: 'board-browser',
    include: ['test/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    sequence: { groupOrder: 1 },
  },
});
