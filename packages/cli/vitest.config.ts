import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'cli', globalSetup: ['@storylabs/lab-kit/vitest-global-setup'] },
});
