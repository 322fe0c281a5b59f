// The site finds labs as the CLI does: the workspace's lab packages (lab-kit's `labPackages`), never a
// path of this repository. This Vite plugin serves them as `virtual:storylabs/labs`: each lab's manifest
// module and, when the package exports "./figures", the figures its page shows.
import { labPackages } from '@storylabs/lab-kit/packages';

const ID = 'virtual:storylabs/labs';
const RESOLVED = `\0${ID}`;

/** The part of Vite's plugin interface this plugin uses (Astro and vitest each bring their own Vite). */
interface VirtualModulePlugin {
  name: string;
  resolveId(id: string): string | undefined;
  load(this: { addWatchFile(file: string): void }, id: string): string | undefined;
}

export function labPackagesPlugin(): VirtualModulePlugin {
  return {
    name: 'storylabs-lab-packages',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const labs = labPackages();
      const lines: string[] = [];
      const entries: string[] = [];
      for (const [i, lab] of labs.entries()) {
        this.addWatchFile(lab.manifest);
        lines.push(`import * as manifest${i} from ${JSON.stringify(lab.manifest)};`);
        if (lab.figures) lines.push(`import * as figures${i} from ${JSON.stringify(lab.figures)};`);
        entries.push(
          `{ id: ${JSON.stringify(lab.id)}, name: ${JSON.stringify(lab.name)}, module: manifest${i}, figures: ${lab.figures ? `figures${i}` : 'undefined'} }`,
        );
      }
      lines.push(`export default [${entries.join(', ')}];`);
      return lines.join('\n');
    },
  };
}
