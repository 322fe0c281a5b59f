import { defineConfig } from 'vitest/config';

// One vitest run covers every package: each package is a project with its own config.
// Files named *.docker.test.ts need a Docker engine, *.browser.test.ts a built site and chromium;
// `pnpm test:unit` leaves both out.
export default defineConfig({
  test: {
    projects: ['packages/*', 'labs/*', 'site'],
  },
});
