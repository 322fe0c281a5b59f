import { findInstance, findLab, recordAnswer } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf } from '../shared.ts';

export default defineVerb({
  name: 'answer',
  arity: [3, 3],
  usage: 'lab answer <lab> <objective> <value>',
  description: 'record a numeric answer to an objective',
  run: async (args, ctx) => {
    const [name = '', objectiveId = '', value = ''] = args.positionals;
    const entry = await findLab(name, ctx.labsDir);
    const instance = instanceOf(args);
    const running = await findInstance(entry, instance);
    const result = await recordAnswer(
      entry,
      running?.complete ? running : undefined,
      objectiveId,
      value,
      instance,
    );
    if (ctx.ui.json)
      ctx.ui.writeJson({
        lab: entry.id,
        objective: objectiveId,
        value,
        read: result.value,
        correct: result.correct,
      });
    else if (result.correct) ctx.ui.line(ctx.ui.style('green', `✔ ${objectiveId}: that is right.`));
    else ctx.ui.line(`✖ ${objectiveId}: not quite. Hint: pnpm lab hint ${entry.id} ${objectiveId}`);
    return result.correct ? 0 : 1;
  },
});
