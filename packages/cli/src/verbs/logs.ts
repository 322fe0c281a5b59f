import { findLab, streamLogs } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf } from '../shared.ts';

export default defineVerb({
  name: 'logs',
  arity: [1, 2],
  usage: 'lab logs <lab> [service] [-f]',
  description: 'show (or follow) the logs of a service or of your program',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const name = args.positionals[1];
    const several = !name;
    await streamLogs(entry, {
      instance: instanceOf(args),
      ...(name ? { name } : {}),
      follow: args.flags.follow,
      signal: ctx.signal,
      onLine: (line, source) =>
        ctx.ui.io[source.stream].write(`${several ? `${source.name} | ` : ''}${line}\n`),
    });
    return 0;
  },
});
