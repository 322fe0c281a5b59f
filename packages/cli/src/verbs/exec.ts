import { connectDocker, createCheckContext, findLab } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf, requireRunning, serviceOf } from '../shared.ts';

export default defineVerb({
  name: 'exec',
  arity: [2, 2],
  usage: 'lab exec <lab> <service> -- <command...>',
  description: 'run a command in a service',
  takesCommand: true,
  run: async (args, ctx) => {
    const [name = '', serviceName = ''] = args.positionals;
    const entry = await findLab(name, ctx.labsDir);
    const running = await requireRunning(entry, instanceOf(args));
    serviceOf(entry, running, serviceName);
    const docker = await connectDocker();
    const result = await createCheckContext(entry, running, docker).exec(serviceName, args.rest);
    if (ctx.ui.json) {
      ctx.ui.writeJson({ lab: entry.id, service: serviceName, ...result });
    } else {
      ctx.ui.io.stdout.write(result.stdout);
      ctx.ui.io.stderr.write(result.stderr);
    }
    return result.exitCode;
  },
});
