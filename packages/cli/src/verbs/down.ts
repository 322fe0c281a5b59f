import {
  connectDocker,
  DEFAULT_INSTANCE,
  down,
  findLab,
  findResources,
  labIds,
  listInstances,
} from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf } from '../shared.ts';

export default defineVerb({
  name: 'down',
  arity: [1, 1],
  usage: 'lab down <lab> [--instance name | --all]',
  description: 'stop a lab and remove its containers, networks and volumes',
  run: async (args, ctx) => {
    const name = args.positionals[0] ?? '';
    // `down` must work even for a lab whose folder was renamed since it started: it goes by labels.
    if (!labIds(ctx.labsDir).includes(name)) {
      const docker = await connectDocker();
      const { containers } = await findResources(docker, name);
      if (containers.length === 0) await findLab(name, ctx.labsDir);
    }
    const instances = args.flags.all ? await listInstances(name) : [instanceOf(args)];
    const total = { containers: 0, networks: 0, volumes: 0 };
    for (const instance of instances) {
      const removed = await down(name, { instance });
      total.containers += removed.containers;
      total.networks += removed.networks;
      total.volumes += removed.volumes;
    }
    const which = args.flags.all
      ? ` (${instances.length} instance${instances.length === 1 ? '' : 's'})`
      : args.flags.instance === DEFAULT_INSTANCE
        ? ''
        : ` (instance ${args.flags.instance})`;
    if (ctx.ui.json) ctx.ui.writeJson({ lab: name, instances, removed: total });
    else if (total.containers + total.networks + total.volumes === 0)
      ctx.ui.line(`Lab '${name}'${which} was not running.`);
    else
      ctx.ui.line(
        `Lab '${name}'${which} stopped: removed ${total.containers} containers, ${total.networks} networks, ${total.volumes} volumes.`,
      );
    return 0;
  },
});
