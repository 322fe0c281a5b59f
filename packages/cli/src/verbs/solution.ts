import { findLab, UsageError } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { confirm, printMarkdown } from '../shared.ts';

export default defineVerb({
  name: 'solution',
  arity: [1, 1],
  usage: 'lab solution <lab> [--yes]',
  description: 'show the walkthrough (asks first)',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    if (!args.flags.yes) {
      if (!ctx.stdinIsTTY) {
        throw new UsageError(
          'the walkthrough gives the answers away',
          `show it anyway with: pnpm lab solution ${entry.id} --yes`,
        );
      }
      if (!(await confirm(ctx, 'The walkthrough gives the answers away. Show it?'))) return 0;
    }
    if (ctx.ui.json) ctx.ui.writeJson({ lab: entry.id, walkthrough: entry.lab.solution.walkthrough });
    else printMarkdown(ctx.ui, entry.lab.solution.walkthrough);
    return 0;
  },
});
