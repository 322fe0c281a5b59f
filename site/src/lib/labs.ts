// Every lab's manifest, found as the CLI finds them: the workspace's lab packages (see
// integrations/lab-packages.ts). A new lab package gets its page and its sidebar entry with no change
// to the site.

import packages from 'virtual:storylabs/labs';
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

/** The figures a lab's package exports for its pages (e.g. a committed benchmark), if any. */
export function labFigures(id: string): Record<string, unknown> | undefined {
  return packages.find((p) => p.id === id)?.figures;
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
