import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getStories } from '~/lib/stories.ts';
import { withBase } from '~/lib/url.ts';

export async function GET(context: APIContext) {
  if (!context.site) throw new Error('the RSS feed needs `site` in astro.config.ts (SITE_URL)');
  const stories = await getStories();
  return rss({
    title: 'Storylabs stories',
    description: 'Real-world debugging stories you can read, then run.',
    site: new URL(withBase('/'), context.site),
    items: stories.map((page) => ({
      title: page.title,
      description: page.description,
      link: withBase(`/${page.id}/`),
      categories: page.story.tags,
    })),
    customData: '<language>en</language>',
  });
}
