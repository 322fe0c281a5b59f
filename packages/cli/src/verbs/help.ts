import { findLab, type LabEntry, labIds, labStarters } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { VERBS } from './index.ts';

/** `pnpm lab help <lab>`: how to start that lab, with its starters when it has several. */
export function labHelpText(entry: LabEntry): string {
  const { lab } = entry;
  const starters = labStarters(lab);
  const several = starters.length > 1;
  const lines = [
    `${lab.title} (${lab.id}): ${lab.summary}`,
    '',
    'Usage:',
    `  pnpm lab ${lab.id}${several ? ' [--starter <name>]' : ''} [--detach] [--instance name]`,
    `  pnpm lab check ${lab.id}`,
    `  pnpm lab hint ${lab.id}`,
  ];
  if (several) {
    const width = Math.max(...starters.map((s) => s.name.length + (s.default ? 10 : 0)));
    lines.push(
      '',
      'Starters (--starter <name>: what your workspace starts from; copied once, never over your work):',
      ...starters.map(
        (s) => `  ${`${s.name}${s.default ? ' (default)' : ''}`.padEnd(width)}  ${s.description ?? s.path}`,
      ),
    );
  }
  return lines.join('\n');
}

export function helpText(): string {
  const width = Math.max(...VERBS.map((v) => v.usage.length));
  return [
    'Storylabs: run the system a story describes, then fix it.',
    '',
    'Usage:',
    ...VERBS.map((v) => `  pnpm ${v.usage.padEnd(width)}  ${v.description}`),
    '',
    'Options: --instance <name> (run several copies of a lab: every verb takes it; default "default"),',
    '         --starter <name> (a lab with several starters: the one your workspace starts from; `pnpm lab help <lab>` lists them),',
    '         --json (machine-readable output), --debug (Docker and testcontainers detail), --yes, --detach',
    'Exit codes: 0 ok, 1 a check failed, 2 usage or environment error.',
  ].join('\n');
}

export default defineVerb({
  name: 'help',
  arity: [0, 1],
  usage: 'lab help [verb|lab]',
  description: "show this help, a verb's, or a lab's (with its starters)",
  run: async (args, ctx) => {
    const word = args.positionals[0];
    const topic = VERBS.find((v) => v.name === word && v.name !== 'help');
    if (!topic && word !== undefined && labIds(ctx.labsDir).includes(word)) {
      ctx.ui.line(labHelpText(await findLab(word, ctx.labsDir)));
      return 0;
    }
    ctx.ui.line(topic ? `usage: pnpm ${topic.usage}\n${topic.description}` : helpText());
    return 0;
  },
});
