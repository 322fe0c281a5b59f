import { describe, expect, it } from 'vitest';
import { natStoryTrafficGib, storyFigures } from './stories.ts';

describe('storyFigures', () => {
  it("cites each story at its one canonical address, the one2n.io page the site's credit links to", () => {
    for (const figure of Object.values(storyFigures)) {
      expect(figure.source.url).toMatch(
        /^https:\/\/one2n\.io\/pragmatic-software-engineering-stories\/[a-z0-9-]+$/,
      );
    }
  });

  it('reads story 6\'s "100+ TB" as decimal terabytes', () => {
    expect(natStoryTrafficGib).toBeCloseTo((100 * 1e12) / 2 ** 30, 6);
  });
});
