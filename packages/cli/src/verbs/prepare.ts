import { findLab, type LabEntry, loadLabs, prepareImages, UsageError } from '@storylabs/lab-kit';
import type { ParsedArgs } from '../args.ts';
import { type CommandContext, defineVerb } from '../context.ts';

/** The labs a workshop verb works on: the named ones, or every lab with --all. */
export async function chosenLabs(args: ParsedArgs, ctx: CommandContext, verb: string): Promise<LabEntry[]> {
  if (args.flags.all) return loadLabs(ctx.labsDir);
  if (args.positionals.length === 0) {
    throw new UsageError(`name the labs to ${verb}, or use --all`, `e.g. pnpm lab ${verb} --all`);
  }
  return Promise.all(args.positionals.map((name) => findLab(name, ctx.labsDir)));
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

export default defineVerb({
  name: 'prepare',
  arity: [0, 20],
  usage: 'lab prepare [--all | <lab>...]',
  description: 'build every image the labs need ahead of time (before a workshop)',
  run: async (args, ctx) => {
    const labs = await chosenLabs(args, ctx, 'prepare');
    const images = await prepareImages(labs, ctx.ui.reporter());
    if (ctx.ui.json) {
      ctx.ui.writeJson({ images });
      return 0;
    }
    const width = Math.max(...images.map((i) => i.tag.length));
    for (const image of images) {
      ctx.ui.line(
        `  ${image.tag.padEnd(width)}  ${mib(image.bytes).padStart(8)}  ${image.buildMs > 0 ? `built in ${(image.buildMs / 1000).toFixed(1)} s` : 'already built'}  (${image.lab}: ${image.services.join(', ')})`,
      );
    }
    ctx.ui.line(
      `\n${images.length} images ready. Carry them to machines without internet: pnpm lab pack <file> --all`,
    );
    return 0;
  },
});
