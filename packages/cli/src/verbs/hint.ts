import { findInstance, findLab, revealHint } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf, instanceText } from '../shared.ts';

export default defineVerb({
  name: 'hint',
  arity: [1, 2],
  usage: 'lab hint <lab> [objective]',
  description: 'reveal the next hint of an objective',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const instance = instanceOf(args);
    const { objective, hint: shown, allRevealed } = revealHint(entry, args.positionals[1], instance);
    if (shown)
      shown.text = instanceText(shown.text, await findInstance(entry, instance).catch(() => undefined));
    if (ctx.ui.json) {
      ctx.ui.writeJson({ lab: entry.id, objective: objective.id, hint: shown, allRevealed });
      return 0;
    }
    ctx.ui.line(`${ctx.ui.style('bold', objective.id)}  ${objective.title}`);
    ctx.ui.line(ctx.ui.style('cyan', `hint ${shown?.number}/${shown?.of}: ${shown?.text}`));
    if (allRevealed) ctx.ui.line(`That was the last hint. The walkthrough: pnpm lab solution ${entry.id}`);
    return 0;
  },
});
