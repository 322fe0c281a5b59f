// The credit line under a story's title, worded from what the page is (its frontmatter `kind`).
import type { Story } from '../content.config.ts';

/** Text before the link, the link text, and text after it. */
export function storyCredit(story: Story): { before: string; link: string; after: string } {
  const series = '“Pragmatic software engineering stories” by One2N';
  switch (story.kind) {
    case 'retold':
      return { before: 'Retold in our words from ', link: series, after: '.' };
    case 'reconstructed-ending':
      return {
        before: 'The beginning is retold in our words from ',
        link: series,
        after: '; the original breaks off, and the ending is our reconstruction.',
      };
    case 'fictional':
      return {
        before: 'A fictional scenario, written for this site from a premise in ',
        link: series,
        after: '; no original telling was found.',
      };
    case 'exercise':
      return {
        before: 'Built on the exercise ',
        link: '“Key Value DB (Redis)” in One2N’s Go bootcamp',
        after: '; the path through it and the lab are ours.',
      };
    case 'reading-list':
      return {
        before: 'Our own selection, from a premise in ',
        link: series,
        after: '; the original list was not found.',
      };
  }
}
