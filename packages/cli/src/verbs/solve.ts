import { applySolution, findLab } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceFlag, instanceOf, requireRunning } from '../shared.ts';

export default defineVerb({
  name: 'solve',
  arity: [1, 1],
  usage: 'lab solve <lab>',
  description: 'apply the reference solution (instructors, self-tests)',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const running = await requireRunning(entry, instanceOf(args));
    const reporter = ctx.ui.reporter();
    const phase = reporter.phase('Applying the reference solution');
    try {
      await applySolution(entry, running, { signal: ctx.signal, debug: (m) => reporter.debug(m) });
      phase.done();
    } catch (error) {
      phase.fail(error instanceof Error ? error.message : String(error));
      throw error;
    }
    if (ctx.ui.json) ctx.ui.writeJson({ lab: entry.id, solved: true });
    else ctx.ui.line(`Applied. See it pass: pnpm lab check ${entry.id}${instanceFlag(running.instance)}`);
    return 0;
  },
});
