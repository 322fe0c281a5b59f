import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { labPackagesPlugin } from './src/integrations/lab-packages.ts';

// Unit tests (*.test.ts) read source or the built site; browser tests (*.browser.test.ts) also start
// `astro preview` and drive chromium, so they build the site first when it is missing or stale.
export default defineProject({
  plugins: [labPackagesPlugin()],
  resolve: { alias: { '~': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'site',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // Last, after every Docker test, with the board's browser tests: chromium aborts page loads with
    // ERR_NETWORK_CHANGED when Docker creates a network, and chromium and the preview do not compete
    // for the cores with the labs' timing-sensitive checks.
    sequence: { groupOrder: 1 },
  },
});
