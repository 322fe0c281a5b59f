import { loadBundle } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { mib } from './prepare.ts';

export default defineVerb({
  name: 'load',
  arity: [1, 1],
  usage: 'lab load <file>',
  description: 'verify an offline bundle’s checksums and load its images (no network needed after)',
  run: async (args, ctx) => {
    const loaded = await loadBundle(args.positionals[0] ?? '', { reporter: ctx.ui.reporter() });
    if (ctx.ui.json) ctx.ui.writeJson({ loaded });
    else {
      for (const image of loaded)
        ctx.ui.line(
          `  ${image.tag}  ${mib(image.bytes)}${image.labs.length ? `  (${image.labs.join(', ')})` : ''}`,
        );
      const labs = [...new Set(loaded.flatMap((i) => i.labs))];
      ctx.ui.line(
        `\nLoaded ${loaded.length} images. These labs now start with no network: ${labs.join(', ') || 'none'}`,
      );
    }
    return 0;
  },
});
