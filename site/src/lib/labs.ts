// Every lab's manifest, found as the CLI finds them: the workspace's lab packages (see
// integrations/lab-packages.ts). A new lab package gets its page and its sidebar entry with no change
// to the site.

import packages from 'virtual:storylabs/labs';
import { type Figure, type LabFigures, parseFigures } from '@storylabs/lab-kit/figures';
import type { Lab } from '@storylabs/lab-kit/manifest';

export const labs: readonly Lab[] = packages
  .map(({ id, name, module }) => {
    const lab = module.default as Lab | undefined;
    if (!lab || typeof lab.id !== 'string') {
      throw new Error(`${name} must \`export default defineLab({...})\``);
    }
    if (lab.id !== id) {
      throw new Error(`${name}: manifest id '${lab.id}' must match its folder '${id}'`);
    }
    return lab;
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/**
 * The figures a lab's package exports for its pages (its "./figures" default export: a committed
 * benchmark, say), validated; empty when it exports none. A figure of the wrong shape fails the build,
 * naming the package and the field.
 */
export function labFigures(id: string): LabFigures {
  const found = packages.find((p) => p.id === id);
  if (!found?.figures) return {};
  return parseFigures(found.figures.default, `${found.name} ("./figures")`);
}

/** One figure of a lab; an unknown lab or figure fails the build with what there is. */
export function findLabFigure(id: string, name: string): Figure {
  if (!packages.some((p) => p.id === id)) {
    throw new Error(`no lab '${id}' (labs: ${packages.map((p) => p.id).join(', ')})`);
  }
  const figures = labFigures(id);
  const figure = figures[name];
  if (!figure) {
    throw new Error(
      `lab '${id}' exports no figure '${name}' (figures: ${Object.keys(figures).join(', ') || 'none'})`,
    );
  }
  return figure;
}

export const labIds: readonly string[] = labs.map((lab) => lab.id);

export function findLab(id: string): Lab | undefined {
  return labs.find((lab) => lab.id === id);
}

/** The commands a learner types, in the order they use them. */
export function labCommands(id: string): Array<{ command: string; purpose: string }> {
  return [
    { command: `pnpm lab ${id}`, purpose: 'start the lab and print its briefing' },
    { command: `pnpm lab check ${id}`, purpose: 'run the checks against your running lab' },
    { command: `pnpm lab hint ${id}`, purpose: 'reveal the next hint' },
    { command: `pnpm lab down ${id}`, purpose: 'stop it and remove every container and network' },
  ];
}

export const difficultyLabel: Record<Lab['difficulty'], string> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};

/** "45 min", "1 h 30 min". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
