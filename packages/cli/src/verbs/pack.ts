import { packBundle, UsageError } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { chosenLabs, mib } from './prepare.ts';

export default defineVerb({
  name: 'pack',
  arity: [1, 20],
  usage: 'lab pack <file> [--all | <lab>...]',
  description: 'write the labs’ images and the base image into one offline bundle (a USB stick)',
  run: async (args, ctx) => {
    const [file = '', ...names] = args.positionals;
    if (!file.endsWith('.tar'))
      throw new UsageError(
        `the bundle file should end in .tar, got '${file}'`,
        'e.g. pnpm lab pack storylabs-bundle.tar --all',
      );
    const labs = await chosenLabs({ ...args, positionals: names }, ctx, 'pack');
    const manifest = await packBundle(file, labs, {
      reporter: ctx.ui.reporter(),
      createdBy: 'storylabs lab 0.1.0',
    });
    const total = manifest.images.reduce((sum, i) => sum + i.bytes, 0);
    if (ctx.ui.json) ctx.ui.writeJson({ file, ...manifest });
    else {
      for (const image of manifest.images)
        ctx.ui.line(`  ${image.tag}  ${mib(image.bytes)}  sha256 ${image.sha256.slice(0, 12)}…`);
      ctx.ui.line(
        `\nWrote ${file}: ${manifest.images.length} images, ${mib(total)}. On each machine: pnpm lab load ${file}`,
      );
    }
    return 0;
  },
});
