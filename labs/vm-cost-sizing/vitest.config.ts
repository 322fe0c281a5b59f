import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'vm-cost-sizing', globalSetup: ['@storylabs/lab-kit/vitest-global-setup'] },
});
