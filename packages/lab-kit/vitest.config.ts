import { defineProject } from 'vitest/config';

export default defineProject({ test: { name: 'lab-kit', globalSetup: ['./src/vitest-global-setup.ts'] } });
