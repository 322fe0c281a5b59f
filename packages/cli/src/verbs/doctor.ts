import { findLab, loadLabs, runDoctor, runPreflight } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';

export default defineVerb({
  name: 'doctor',
  arity: [0, 1],
  usage: 'lab doctor [lab]',
  description: "check this machine (and a lab's own needs) with fixes",
  run: async (args, ctx) => {
    const checks = await runDoctor();
    const labs = args.positionals[0]
      ? [await findLab(args.positionals[0], ctx.labsDir)]
      : await loadLabs(ctx.labsDir);
    if (checks.every((c) => c.ok))
      for (const entry of labs) checks.push(...(await runPreflight(entry, ctx.ui.reporter())));
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
