import path from 'node:path';
import { boardBanner, defaultPort, startBoard } from '@storylabs/board';
import { stateDir, UsageError } from '@storylabs/lab-kit';
import { defineVerb } from '../context.ts';
import { untilAborted } from '../shared.ts';

export default defineVerb({
  name: 'board',
  arity: [0, 0],
  usage: 'lab board [--host addr] [--port n] [--db file]',
  description: 'run the workshop progress board (learners join it with `pnpm lab join`)',
  run: async (args, ctx) => {
    const port = args.flags.port === undefined ? defaultPort : Number(args.flags.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port ${args.flags.port} is not a port number`, 'e.g. --port 4477');
    }
    const board = await startBoard({
      dbFile: args.flags.db ?? path.join(stateDir(), 'board.sqlite'),
      host: args.flags.host ?? '127.0.0.1',
      port,
    });
    if (ctx.ui.json) ctx.ui.writeJson({ url: board.url, urls: board.urls, joinCode: board.joinCode });
    ctx.ui.line(boardBanner(board));
    ctx.ui.line('Ctrl-C stops the board; its data stays for the next start.');
    await untilAborted(ctx.signal);
    await board.close();
    return 0;
  },
});
