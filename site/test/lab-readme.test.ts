import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLabReadme } from '~/lib/lab-readme.ts';

describe('parseLabReadme', () => {
  it("takes the first shell block of 'Run it' and the Requirements paragraph", () => {
    const readme = [
      '# Lab',
      '',
      '## Run it',
      '',
      '```sh',
      'pnpm lab demo',
      'pnpm lab check demo',
      '```',
      '',
      'Requirements: Docker and',
      '`redis-cli` on your PATH.',
      '',
      '## Next',
      '```sh',
      'not this',
      '```',
    ].join('\n');
    expect(parseLabReadme(readme)).toEqual({
      runCommands: 'pnpm lab demo\npnpm lab check demo',
      requirements: 'Docker and `redis-cli` on your PATH.',
    });
  });

  it('reads the toy-redis README', () => {
    const readme = readFileSync(new URL('../../labs/toy-redis/README.md', import.meta.url), 'utf8');
    const parsed = parseLabReadme(readme);
    expect(parsed.runCommands).toContain('pnpm lab toy-redis');
    expect(parsed.requirements).toContain('Docker');
  });

  it('has nothing to offer for a README without those parts', () => {
    expect(parseLabReadme('# Lab\n\nJust text.\n')).toEqual({
      runCommands: undefined,
      requirements: undefined,
    });
  });
});
