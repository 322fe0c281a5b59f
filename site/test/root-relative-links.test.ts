import { describe, expect, it } from 'vitest';
import { prefixBase } from '~/integrations/root-relative-links.ts';

describe('prefixBase', () => {
  it('puts the base in front of root-relative links', () => {
    expect(prefixBase('/labs/toy-redis/', '/storylabs')).toBe('/storylabs/labs/toy-redis/');
    expect(prefixBase('/stories/slow-api-efs/#the-fix', '/storylabs/')).toBe(
      '/storylabs/stories/slow-api-efs/#the-fix',
    );
  });

  it('leaves other links alone', () => {
    for (const href of ['https://one2n.io/', '//cdn.example/x.js', '#lessons', '../labs/', 'mailto:a@b.c']) {
      expect(prefixBase(href, '/storylabs')).toBe(href);
    }
  });

  it('does not add the base twice, and does nothing for a root base', () => {
    expect(prefixBase('/storylabs/labs/', '/storylabs')).toBe('/storylabs/labs/');
    expect(prefixBase('/labs/', '/')).toBe('/labs/');
  });
});
