// Decision points as the technique index sees them: each <Decision question="..." technique="a b"> in a
// story's MDX, with the anchor Decision.astro gives it, so the index links to the exact point.
import { techniques } from '../data/techniques.ts';

export interface DecisionPoint {
  question: string;
  techniques: string[];
  /** The element id Decision.astro renders: 'decision-' and the question's first words. */
  id: string;
}

/** 'decision-efs-looks-normal-in-the-console-and-in': stable while the question's start is. */
export function decisionId(question: string): string {
  const words = question
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .slice(0, 8);
  return `decision-${words.join('-')}`;
}

const known = new Set(techniques.map((t) => t.id));

/** The technique ids of a `technique` attribute; an unknown one fails the build with the known ones. */
export function parseTechniques(attribute: string | undefined, where: string): string[] {
  const ids = (attribute ?? '').split(/\s+/).filter(Boolean);
  for (const id of ids) {
    if (!known.has(id)) {
      throw new Error(`${where}: unknown technique '${id}'; known: ${[...known].join(', ')}`);
    }
  }
  return ids;
}

export function decisionsIn(mdx: string, where: string): DecisionPoint[] {
  return [...mdx.matchAll(/<Decision\s+question="([^"]*)"(?:\s+technique="([^"]*)")?\s*>/g)].map(
    ([, question = '', technique]) => ({
      question,
      techniques: parseTechniques(technique, where),
      id: decisionId(question),
    }),
  );
}
