import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'nat-routing', globalSetup: ['@storylabs/lab-kit/vitest-global-setup'] },
});
