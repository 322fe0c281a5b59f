import { reportCheck } from '@storylabs/board';
import { findLab, runChecks, stateDir } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf, instanceText, printResults, requireRunning } from '../shared.ts';

export default defineVerb({
  name: 'check',
  arity: [1, 2],
  usage: 'lab check <lab> [objective]',
  description: 'check the objectives: pass/fail, why, and the next hint',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const running = await requireRunning(entry, instanceOf(args));
    const only = args.positionals[1];
    const results = await runChecks(entry, running, {
      ...(only ? { only } : {}),
      signal: ctx.signal,
      debug: (m) => ctx.ui.reporter().debug(m),
    });
    const allPass =
      results.every((r) => r.status === 'pass') &&
      (only !== undefined || results.length === entry.lab.objectives.length);
    for (const r of results) if (r.hint) r.hint.text = instanceText(r.hint.text, running);
    // A learner who joined a workshop board reports there; a board that does not answer is said once.
    const board = await reportCheck({
      stateDir: stateDir(),
      lab: entry.id,
      instance: running.instance,
      results,
      signal: ctx.signal,
    });
    if (board.message) ctx.ui.reporter().warn(board.message);
    if (ctx.ui.json) {
      ctx.ui.writeJson({
        lab: entry.id,
        instance: running.instance,
        passed: results.filter((r) => r.status === 'pass').length,
        total: entry.lab.objectives.length,
        objectives: results,
      });
    } else printResults(ctx, entry, results);
    return allPass ? 0 : 1;
  },
});
