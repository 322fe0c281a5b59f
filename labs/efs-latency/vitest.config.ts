import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'efs-latency', globalSetup: ['@storylabs/lab-kit/vitest-global-setup'] },
});
