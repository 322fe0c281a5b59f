import { findLab, runSetup } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf, requireRunning } from '../shared.ts';

export default defineVerb({
  name: 'setup',
  arity: [1, 1],
  usage: 'lab setup <lab>',
  description: "run the lab's setup on an instance started outside the kit (docker compose up)",
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const running = await requireRunning(entry, instanceOf(args));
    await runSetup(entry, running, { reporter: ctx.ui.reporter(), signal: ctx.signal });
    const count = entry.lab.setup.length;
    if (ctx.ui.json) ctx.ui.writeJson({ lab: entry.id, instance: running.instance, hooks: count });
    else
      ctx.ui.line(
        count === 0
          ? `Lab ${entry.id} has no setup: it is ready.`
          : `Ran the setup of ${entry.id} (${entry.lab.setup.map((h) => h.title).join('; ')}).`,
      );
    return 0;
  },
});
