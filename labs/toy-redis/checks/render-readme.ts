// The stage specs are written once, in the stage modules; this puts them into the lab's README between
// two markers. Run `node checks/render-readme.ts` after changing a spec (a self-test fails until you do).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAGES } from './index.ts';

export const README = join(import.meta.dirname, '..', 'README.md');
export const START =
  '<!-- stages:start (generated from checks/stages/*.ts by `node checks/render-readme.ts`) -->';
export const END = '<!-- stages:end -->';

export function renderStages(): string {
  return STAGES.map((stage, i) => `### ${i + 1}. ${stage.title} (\`${stage.id}\`)\n\n${stage.spec}\n`).join(
    '\n',
  );
}

/** The README with its stage section replaced by the current specs. */
export function withCurrentStages(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end < start) throw new Error(`README.md has no stage section (${START} ... ${END})`);
  return `${readme.slice(0, start + START.length)}\n\n${renderStages()}\n${readme.slice(end)}`;
}

if (import.meta.main) {
  writeFileSync(README, withCurrentStages(readFileSync(README, 'utf8')));
  console.log(`updated the stage section of ${README}`);
}
