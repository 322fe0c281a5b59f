import { defineVerb } from '../context.ts';
import { VERBS } from './index.ts';

export function helpText(): string {
  const width = Math.max(...VERBS.map((v) => v.usage.length));
  return [
    'Storylabs: run the system a story describes, then fix it.',
    '',
    'Usage:',
    ...VERBS.map((v) => `  pnpm ${v.usage.padEnd(width)}  ${v.description}`),
    '',
    'Options: --instance <name> (run several copies of a lab: every verb takes it; default "default"),',
    '         --json (machine-readable output), --debug (Docker and testcontainers detail), --yes, --detach',
    'Exit codes: 0 ok, 1 a check failed, 2 usage or environment error.',
  ].join('\n');
}

export default defineVerb({
  name: 'help',
  arity: [0, 1],
  usage: 'lab help [verb]',
  description: 'show this help',
  run: async (args, ctx) => {
    const topic = VERBS.find((v) => v.name === args.positionals[0] && v.name !== 'help');
    ctx.ui.line(topic ? `usage: pnpm ${topic.usage}\n${topic.description}` : helpText());
    return 0;
  },
});
