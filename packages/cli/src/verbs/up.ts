import { didYouMean, findLab, type LabEntry, labIds, UsageError } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { startLab } from '../shared.ts';
import { VERB_NAMES } from './index.ts';

export default defineVerb({
  name: 'up',
  arity: [1, 1],
  usage: 'lab <lab> [--starter name] [--detach] [--instance name]',
  description: 'start a lab in the foreground (Ctrl-C tears it down)',
  run: async (args, ctx) => {
    const name = args.positionals[0] ?? '';
    let entry: LabEntry;
    try {
      entry = await findLab(name, ctx.labsDir);
    } catch (error) {
      // `lab stauts` is a misspelt verb, not a lab.
      const verb = didYouMean(name, VERB_NAMES);
      if (error instanceof UsageError && verb && !labIds(ctx.labsDir).some((id) => didYouMean(name, [id]))) {
        throw new UsageError(`unknown lab or command '${name}'; did you mean '${verb}'?`, error.hint);
      }
      throw error;
    }
    return startLab(args, ctx, entry);
  },
});
