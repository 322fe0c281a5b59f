import { writeFileSync } from 'node:fs';
import { composeProjectName, DEFAULT_INSTANCE, exportCompose, findLab, toYaml } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { instanceOf } from '../shared.ts';

export default defineVerb({
  name: 'compose',
  arity: [1, 1],
  usage: 'lab compose <lab> [-o file.yaml | file.json]',
  description: 'export a lab instance as a Compose file (docker compose up; pnpm lab check works on it)',
  run: async (args, ctx) => {
    const entry = await findLab(args.positionals[0] ?? '', ctx.labsDir);
    const instance = instanceOf(args);
    const exported = await exportCompose(entry, { instance });
    const reporter = ctx.ui.reporter();
    for (const warning of exported.warnings) reporter.warn(warning);
    const output = args.flags.output;
    const asJson = output ? /\.json$/i.test(output) : ctx.ui.json;
    const text = asJson
      ? `${JSON.stringify(exported.file, null, 2)}\n`
      : toYaml(exported.file, exported.header);
    if (!output) {
      // The file itself is the output (YAML, or JSON with --json).
      ctx.ui.io.stdout.write(text);
      return 0;
    }
    writeFileSync(output, text);
    const project = composeProjectName(entry.id, instance);
    const flag = instance === DEFAULT_INSTANCE ? '' : ` --instance ${instance}`;
    if (ctx.ui.json) {
      ctx.ui.writeJson({
        lab: entry.id,
        instance,
        file: output,
        project,
        slot: exported.options.slot,
        missingImages: exported.missingImages,
        warnings: exported.warnings,
      });
      return 0;
    }
    ctx.ui.line(
      `Wrote ${output}: lab ${entry.id}, instance ${instance}, address slot ${exported.options.slot}.`,
    );
    if (exported.missingImages.length > 0) ctx.ui.line(`  pnpm lab prepare ${entry.id}`);
    ctx.ui.line(`  docker compose -p ${project} -f ${output} up -d`);
    if (entry.lab.setup.length > 0) ctx.ui.line(`  pnpm lab setup ${entry.id}${flag}`);
    ctx.ui.line(`  pnpm lab check ${entry.id}${flag}`);
    ctx.ui.line(
      `  docker compose -p ${project} -f ${output} down -v    (or: pnpm lab down ${entry.id}${flag})`,
    );
    return 0;
  },
});
