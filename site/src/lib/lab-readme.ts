// What a lab page shows from the lab's README, so a reader with only the site can run it: the
// README's first shell block under "## Run it" and its "Requirements:" paragraph. Both are read from
// labs/<id>/README.md at build time, so the page and the README cannot drift apart.

const readmes = import.meta.glob<string>('../../../labs/*/README.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface LabReadme {
  /** The commands of the README's "Run it" section, as written there. */
  runCommands: string | undefined;
  /** The README's "Requirements: ..." paragraph, Markdown, without the label. */
  requirements: string | undefined;
}

export function parseLabReadme(source: string): LabReadme {
  const runSection = /^## Run it\s*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(source)?.[1] ?? '';
  const runCommands = /```(?:sh|bash|shell)\n([\s\S]*?)```/.exec(runSection)?.[1]?.trimEnd();
  const requirements = /^Requirements:\s*([\s\S]*?)(?:\n\s*\n|(?![\s\S]))/m
    .exec(source)?.[1]
    ?.replace(/\s*\n\s*/g, ' ')
    .trim();
  return { runCommands, requirements };
}

export function labReadme(id: string): LabReadme {
  const source = readmes[`../../../labs/${id}/README.md`];
  return source === undefined ? { runCommands: undefined, requirements: undefined } : parseLabReadme(source);
}
