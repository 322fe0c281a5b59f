import { joinBoard, normalizeBoardUrl, saveJoin } from '@storylabs/board';
import { stateDir, UsageError } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';

export default defineVerb({
  name: 'join',
  arity: [1, 1],
  usage: 'lab join <board-url> --name <your name> --code <join code>',
  description: 'join a workshop board: from then on every check reports to it',
  run: async (args, ctx) => {
    const { name, code } = args.flags;
    if (!name || !code) {
      throw new UsageError(
        'join needs --name and --code',
        'e.g. pnpm lab join http://192.168.1.10:4477 --name Ada --code K7QX-M4PN',
      );
    }
    let url: string;
    try {
      url = normalizeBoardUrl(args.positionals[0] ?? '');
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const answer = await joinBoard({ url, code, name, signal: ctx.signal });
    if (!answer.ok) throw new UsageError(`could not join the board: ${answer.reason}`);
    saveJoin(stateDir(), { url, code, name });
    if (ctx.ui.json) ctx.ui.writeJson({ joined: true, url, name });
    else ctx.ui.line(`Joined the board at ${url} as ${name}. Every \`pnpm lab check\` now reports there.`);
    return 0;
  },
});
