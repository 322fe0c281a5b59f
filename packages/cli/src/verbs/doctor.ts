import { currentStarter, findLab, loadLabs, runDoctor, runPreflight, UsageError } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf } from '../shared.ts';

export default defineVerb({
  name: 'doctor',
  arity: [0, 1],
  usage: 'lab doctor [lab] [--starter name]',
  description: "check this machine (and a lab's own needs, for the starter you use or name) with fixes",
  run: async (args, ctx) => {
    const requested = args.flags.starter;
    if (requested !== undefined && !args.positionals[0]) {
      throw new UsageError('--starter needs a lab', 'e.g. pnpm lab doctor <lab> --starter <name>');
    }
    const labs = args.positionals[0]
      ? [await findLab(args.positionals[0], ctx.labsDir)]
      : await loadLabs(ctx.labsDir);
    const instance = instanceOf(args);
    // An unknown --starter is refused before anything is checked.
    const starters = new Map(
      labs.map((entry) => [
        entry.id,
        currentStarter(entry, { instance, ...(requested !== undefined ? { requested } : {}) }),
      ]),
    );
    const checks = await runDoctor();
    if (checks.every((c) => c.ok))
      for (const entry of labs)
        checks.push(...(await runPreflight(entry, ctx.ui.reporter(), { starter: starters.get(entry.id) })));
    const ok = checks.every((c) => c.ok);
    if (ctx.ui.json) {
      ctx.ui.writeJson({ ok, checks });
      return ok ? 0 : 2;
    }
    const width = Math.max(...checks.map((c) => c.name.length));
    for (const c of checks) {
      ctx.ui.line(
        `${c.ok ? ctx.ui.style('green', '✔') : ctx.ui.style('red', '✖')} ${c.name.padEnd(width)}  ${c.detail}`,
      );
      if (!c.ok && c.fix) ctx.ui.line(`  ${' '.repeat(width)}  fix: ${c.fix}`);
    }
    return ok ? 0 : 2;
  },
});
