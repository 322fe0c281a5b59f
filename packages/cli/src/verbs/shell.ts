import { spawn } from 'node:child_process';
import { EnvironmentError, findLab } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceFlag, instanceOf, requireRunning, serviceOf } from '../shared.ts';

export default defineVerb({
  name: 'shell',
  arity: [2, 2],
  usage: 'lab shell <lab> <service>',
  description: 'open a shell in a service',
  run: async (args, ctx) => {
    const [name = '', serviceName = ''] = args.positionals;
    const entry = await findLab(name, ctx.labsDir);
    const running = await requireRunning(entry, instanceOf(args));
    const service = serviceOf(entry, running, serviceName);
    const shellName = entry.lab.services[serviceName]?.shell ?? 'bash';
    // An interactive TTY needs the docker CLI; everything else in the kit talks to the API directly.
    return new Promise((resolve, reject) => {
      const child = spawn('docker', ['exec', '-it', service.containerName, shellName], { stdio: 'inherit' });
      child.once('error', () =>
        reject(
          new EnvironmentError('`pnpm lab shell` needs the docker CLI on your PATH', {
            hint: `or run single commands: pnpm lab exec ${entry.id} ${serviceName}${instanceFlag(running.instance)} -- <command>`,
          }),
        ),
      );
      child.once('exit', (code) => resolve(code ?? 0));
    });
  },
});
