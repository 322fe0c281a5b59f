// `node packages/board/src/cli.ts [--db FILE] [--host ADDR] [--port N] [--join-code CODE] [--json]`:
// the board on its own, for tests, the load test and anyone not going through `pnpm lab board`.
// Prints the URL, the join code and what the address exposes (with --json: one JSON line), then
// runs until Ctrl-C or SIGTERM, which close it cleanly.
import { parseArgs } from 'node:util';
import { boardBanner, defaultPort, startBoard } from './server.ts';

const usage = 'usage: board [--db FILE] [--host ADDR] [--port N] [--join-code CODE] [--json]';

let values: {
  db?: string;
  host?: string;
  port?: string;
  'join-code'?: string;
  json?: boolean;
  help?: boolean;
};
try {
  // `pnpm start -- --port 0` passes the `--` on: skip it.
  const argv = process.argv.slice(2);
  ({ values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      db: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'join-code': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n${usage}\n`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const port = values.port === undefined ? defaultPort : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`error: --port must be a whole number from 0 to 65535, got "${values.port}"\n`);
  process.exit(2);
}

let board: Awaited<ReturnType<typeof startBoard>>;
try {
  board = await startBoard({
    dbFile: values.db ?? 'storylabs-board.sqlite',
    host: values.host,
    port,
    joinCode: values['join-code'],
  });
} catch (error) {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exit(1);
}

if (values.json) {
  const { url, urls, host, joinCode, dbFile, exposure } = board;
  process.stdout.write(
    `${JSON.stringify({ url, urls, host, port: board.port, joinCode, dbFile, exposure })}\n`,
  );
} else {
  process.stdout.write(`${boardBanner(board)}\nCtrl-C stops the board.\n`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) process.exit(130);
    stopping = true;
    board.close().then(() => process.exit(0));
  });
