import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'toy-redis', globalSetup: ['@storylabs/lab-kit/vitest-global-setup'] },
});
