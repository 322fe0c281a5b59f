import { describeStarters, labStarters, loadLabs } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';

export default defineVerb({
  name: 'list',
  arity: [0, 0],
  usage: 'lab',
  description: 'list the labs',
  run: async (_args, ctx) => {
    const labs = await loadLabs(ctx.labsDir);
    if (ctx.ui.json) {
      ctx.ui.writeJson({
        labs: labs.map(({ lab }) => ({
          id: lab.id,
          title: lab.title,
          summary: lab.summary,
          difficulty: lab.difficulty,
          minutes: lab.minutes,
          story: lab.story,
          starters: labStarters(lab).map((s) => ({
            name: s.name,
            description: s.description,
            default: s.default,
          })),
        })),
      });
      return 0;
    }
    const width = Math.max(0, ...labs.map((l) => l.id.length));
    for (const { lab } of labs) {
      ctx.ui.line(
        `${ctx.ui.style('bold', lab.id.padEnd(width))}  ${lab.title} (${lab.difficulty}, ~${lab.minutes} min)`,
      );
      const starters = labStarters(lab);
      if (starters.length > 1) {
        ctx.ui.line(
          `${' '.repeat(width)}  starters: ${describeStarters(starters)} (pnpm lab ${lab.id} --starter <name>)`,
        );
      }
    }
    if (labs.length === 0) ctx.ui.line(`no labs in ${ctx.labsDir ?? 'this workspace'}`);
    else ctx.ui.line(`\nStart one with: pnpm lab <name>    More: pnpm lab help`);
    return 0;
  },
});
