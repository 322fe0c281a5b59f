// Decision points as the technique index sees them: each <Decision question="..." technique="a b"> in a
// story's MDX, with the anchor Decision.astro gives it, so the index links to the exact point.
import { techniques } from '../data/techniques.ts';

export interface DecisionPoint {
  question: string;
  techniques: string[];
  /**
   * Words the answer gives away (`reveals="a; b"`): each is in the collapsed answer, nowhere a reader
   * sees above it with every answer closed, and again in the text after it, so a reader who never
   * opens the answer still follows the story. test/built-pages.test.ts checks all three.
   */
  reveals: string[];
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

/** The words of a `reveals` attribute: separated by semicolons, trimmed. */
export function parseReveals(attribute: string | undefined): string[] {
  return (attribute ?? '')
    .split(';')
    .map((word) => word.trim())
    .filter(Boolean);
}

export function decisionsIn(mdx: string, where: string): DecisionPoint[] {
  return [...mdx.matchAll(/<Decision((?:\s+[a-z]+="[^"]*")*)\s*>/g)].map(([, attributes = '']) => {
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
    const question = attribute('question') ?? '';
    return {
      question,
      techniques: parseTechniques(attribute('technique'), where),
      reveals: parseReveals(attribute('reveals')),
      id: decisionId(question),
    };
  });
}
