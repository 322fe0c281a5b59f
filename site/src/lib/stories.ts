// The story pages, in the order of the series, for cards, the sidebar, RSS and lab pages.
import { type CollectionEntry, getCollection } from 'astro:content';
import type { Story } from '../content.config.ts';

export interface StoryPage {
  /** The docs entry id, which is also its path: 'stories/slow-api-efs'. */
  id: string;
  title: string;
  description: string;
  story: Story;
}

type DocsEntry = CollectionEntry<'docs'>;

export function isStoryEntry(entry: DocsEntry): entry is DocsEntry & { data: { story: Story } } {
  return entry.data.story !== undefined;
}

export async function getStories(): Promise<StoryPage[]> {
  const entries = await getCollection('docs', isStoryEntry);
  return entries
    .map((entry) => ({
      id: entry.id,
      title: entry.data.title,
      description: entry.data.description ?? entry.data.story.premise,
      story: entry.data.story,
    }))
    .sort((a, b) => a.story.number - b.story.number);
}

/** The story page a lab belongs to; a lab's manifest names it as 'stories/<slug>'. */
export async function getStoryById(id: string): Promise<StoryPage | undefined> {
  return (await getStories()).find((page) => page.id === id.replace(/^\/|\/$/g, ''));
}
