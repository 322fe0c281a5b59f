// Every lab's manifest, found by its place in the repository: a lab added under labs/<id>/lab.ts gets
// its page and its sidebar entry with no change to the site.
import type { Lab } from '@storylabs/lab-kit/manifest';

const manifests = import.meta.glob<{ default: Lab }>('../../../labs/*/lab.ts', { eager: true });

function folderOf(path: string): string {
  return path.split('/').at(-2) ?? path;
}

export const labs: readonly Lab[] = Object.entries(manifests)
  .map(([path, module]) => {
    const lab = module.default;
    if (!lab || typeof lab.id !== 'string') {
      throw new Error(`${path} must \`export default defineLab({...})\``);
    }
    if (lab.id !== folderOf(path)) {
      throw new Error(`${path}: manifest id '${lab.id}' must match its folder '${folderOf(path)}'`);
    }
    return lab;
  })
  .sort((a, b) => a.id.localeCompare(b.id));

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
