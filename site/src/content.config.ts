import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { fillTemplate, instanceLayout, layoutValues } from '@storylabs/lab-kit/layout';
import { file } from 'astro/loaders';
import { z } from 'astro/zod';
import { labIds, labs } from './lib/labs.ts';

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

/** The frontmatter a story page adds to Starlight's (see site/README.md). */
export const storySchema = z.strictObject({
  number: z.number().int().min(1).max(12),
  premise: z.string().min(1),
  source: httpsUrl,
  /** What the page is, which words the credit line: see storyCredit in lib/stories.ts. */
  kind: z.enum(['retold', 'reconstructed-ending', 'fictional', 'exercise', 'reading-list']),
  /** Shown under the title: what is reconstructed, without naming the cause. */
  reconstruction: z.string().min(1).optional(),
  lab: z
    .string()
    .refine((id) => labIds.includes(id), {
      error: (issue) =>
        `unknown lab '${String(issue.input)}'; labs with a manifest: ${labIds.join(', ') || 'none'}`,
    })
    .optional(),
  tags: z.array(z.string().min(1)).default([]),
  /**
   * Words that give the answer away. Nothing above the first decision point may contain them (the
   * title, the notice, the opening diagram, the description, the card); a browser test checks.
   */
  answerKeywords: z.array(z.string().min(2)).min(1),
});

export type Story = z.output<typeof storySchema>;

export const readingListEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  title: z.string().min(1),
  authors: z.array(z.string().min(1)).min(1),
  year: z.number().int().min(1900).max(2100),
  kind: z.enum(['book', 'paper', 'essay', 'course', 'video-series']),
  url: httpsUrl,
  path: z.enum(['foundations', 'internals', 'distributed-systems', 'operations']),
  order: z.number().int().min(1),
  audience: z.string().min(1),
  readFirst: z.string().min(1),
  why: z.string().min(1),
});

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: (context) =>
      docsSchema({ extend: z.object({ story: storySchema.optional() }) })(context).transform((page) =>
        // Stories sort in the sidebar by their number unless a page sets its own order.
        page.story && page.sidebar.order === undefined
          ? { ...page, sidebar: { ...page.sidebar, order: page.story.number } }
          : page,
      ),
  }),
  // Each lab's briefing (Markdown in its manifest) rendered for its page; the rest of the page reads
  // the manifest directly.
  labBriefings: defineCollection({
    loader: {
      name: 'storylabs-lab-briefings',
      async load({ store, renderMarkdown }) {
        store.clear();
        for (const lab of labs) {
          // The page shows the addresses the manifest declares (a running instance may use shifted ones).
          const briefing = fillTemplate(lab.briefing, layoutValues(instanceLayout(lab, 0)));
          store.set({ id: lab.id, data: {}, rendered: await renderMarkdown(briefing) });
        }
      },
    },
  }),
  readingList: defineCollection({
    loader: file('src/data/reading-list.json'),
    schema: readingListEntrySchema,
  }),
};
