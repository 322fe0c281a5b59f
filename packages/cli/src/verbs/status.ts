import {
  DEFAULT_INSTANCE,
  findInstance,
  findLab,
  listInstances,
  loadLabs,
  loadProgress,
  sessionProcesses,
} from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { endpointLines, instanceOf, upJson } from '../shared.ts';

export default defineVerb({
  name: 'status',
  arity: [0, 1],
  usage: 'lab status [lab] [--all]',
  description: 'show running labs, their endpoints and progress (--all: every instance)',
  run: async (args, ctx) => {
    const entries = args.positionals[0]
      ? [await findLab(args.positionals[0], ctx.labsDir)]
      : await loadLabs(ctx.labsDir);
    const onlyOne =
      !args.flags.all && args.flags.instance !== DEFAULT_INSTANCE ? instanceOf(args) : undefined;
    const report = [];
    for (const entry of entries) {
      const names = onlyOne ? [onlyOne] : await listInstances(entry.id);
      // Without --all, a lab with no instance still shows (stopped), with the default instance's progress.
      if (names.length === 0 && !args.flags.all) names.push(DEFAULT_INSTANCE);
      for (const instance of names) {
        const running = await findInstance(entry, instance);
        const progress = loadProgress(entry.id, instance);
        const owner = sessionProcesses(entry.id, instance);
        report.push({ entry, instance, running, progress, owner });
      }
    }
    if (ctx.ui.json) {
      ctx.ui.writeJson({
        labs: report.map(({ entry, instance, running, progress, owner }) => ({
          id: entry.id,
          ...(running ? upJson(entry, running, false) : {}),
          instance,
          running: Boolean(running?.complete),
          state: running ? (running.complete ? 'running' : 'partial') : 'stopped',
          owner: owner ? { pid: owner.owner } : undefined,
          workspace: owner?.workspace,
          progress: {
            passed: progress.passed.length,
            total: entry.lab.objectives.length,
            updatedAt: progress.updatedAt,
          },
        })),
      });
      return 0;
    }
    for (const { entry, instance, running, progress, owner } of report) {
      const state = running
        ? running.complete
          ? ctx.ui.style('green', 'running')
          : ctx.ui.style('yellow', 'partly running')
        : 'stopped';
      const name = instance === DEFAULT_INSTANCE ? entry.id : `${entry.id} --instance ${instance}`;
      const passed = progress.passed.filter((id) => entry.lab.objectives.some((o) => o.id === id)).length;
      ctx.ui.line(
        `${ctx.ui.style('bold', name)}: ${state}${owner ? ` (foreground, process ${owner.owner})` : ''}, ${passed}/${entry.lab.objectives.length} objectives passed`,
      );
      if (running) for (const line of endpointLines(entry, running)) ctx.ui.line(line);
      if (owner?.workspace) ctx.ui.line(`  workspace    ${owner.workspace}`);
    }
    if (report.length === 0) ctx.ui.line('No lab instance is running. Start one with: pnpm lab <lab>');
    return 0;
  },
});
