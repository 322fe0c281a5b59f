import { clearProgress, down, findLab, sessionProcesses } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceFlag, instanceOf, startLab } from '../shared.ts';

export default defineVerb({
  name: 'reset',
  arity: [1, 1],
  usage: 'lab reset <lab> [--progress]',
  description: 'tear down and start again (--progress also clears progress)',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const instance = instanceOf(args);
    const owner = sessionProcesses(entry.id, instance);
    if (owner && owner.owner !== process.pid) {
      ctx.ui.line(
        `Stopping the lab running in the foreground of another terminal (process ${owner.owner}) ...`,
      );
    }
    // down() asks another terminal's foreground session to stop itself, so that terminal never tears down ours.
    await down(entry.id, { instance });
    if (args.flags.progress) {
      clearProgress(entry.id, instance);
      ctx.ui.line(
        `Cleared the progress of '${entry.id}'${instanceFlag(instance) ? ` (instance ${instance})` : ''}.`,
      );
    }
    return startLab(args, ctx, entry);
  },
});
