import { cp, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type CheckContext, defineLab } from '@storylabs/lab-kit/manifest';
import { checkStage, STAGES } from './checks/index.ts';
import { instructor } from './instructor.ts';
import { goToolchain, starters } from './starters.ts';

const labDir = import.meta.dirname;
const STOP_MARGIN_MS = 15_000;

/** TOY_REDIS_SEED replays a run: the same keys and values as the run that printed it (with --debug). */
function seedFromEnvironment(): number | undefined {
  const text = process.env.TOY_REDIS_SEED;
  if (text === undefined || text === '') return undefined;
  const seed = Number(text);
  if (!Number.isInteger(seed) || seed < 0)
    throw new Error(`TOY_REDIS_SEED must be a whole number, got '${text}'`);
  return seed;
}

const briefing = `You are building a Redis-compatible server, stage by stage. Your server runs on this machine,
from your workspace; a real Redis runs next to it in a container, and every check sends the same
bytes to both and compares the replies byte for byte.

**The loop**

1. Edit your server in your workspace (the path is printed below). It starts as a server that
   listens and answers nothing, started by \`your_program.sh\`: in TypeScript (\`server.ts\`), or in Go
   (\`main.go\`) when you started the lab with \`--starter go\`. Any language works: change the last
   line of \`your_program.sh\`.
2. Your server restarts every time you save a file. Its output is shown here.
3. Play with it: \`redis-cli -p <your server's port>\`, or \`nc 127.0.0.1 <port>\` and type \`PING\`.
   Ask real Redis the same thing on its port, to see what the answer should be.
4. \`pnpm lab check toy-redis\` runs the stages in order, each against a fresh start of your program
   on its own port, and stops at the first that fails: it shows what it sent, what your server
   answered, what real Redis answered, and a hint. \`pnpm lab hint toy-redis\` gives the next hint.

Checks empty the lab's real Redis (FLUSHALL) before each stage. The stages, with exactly what each one
sends and expects, are in labs/toy-redis/README.md.`;

const walkthrough = `The reference solution (labs/toy-redis/solution, about 1,850 lines of TypeScript with no
dependencies) is one Node process, single-threaded like Redis. It is built in layers that follow the
stages.

**bind.** \`main.ts\` reads \`--port\` and \`--dir\` with \`parseArgs\` and calls \`startServer\`
(\`server.ts\`), which listens on 127.0.0.1 with \`net.createServer\`. \`your_program.sh\` ends with
\`exec node main.ts "$@"\`, so the arguments and the stop signals reach Node.

**ping, ping-inline, multiple-commands, echo.** Each connection owns a \`RequestParser\`
(\`request-parser.ts\`). A chunk of bytes is fed to it; it finds complete requests in place and calls
the command table for each. A request starting with \`*\` is a RESP array of bulk strings, read by the
lengths it announces (so values may contain \`\\r\\n\` or any byte); anything else is an inline line,
split like redis-cli splits a line (\`inline-args.ts\`). Bytes of a request that is not complete yet
are kept for the next chunk. Replies are built as strings of bytes (\`replies.ts\`): \`+PONG\\r\\n\`,
\`$<bytes>\\r\\n...\\r\\n\`, \`:<n>\\r\\n\`, \`-ERR ...\\r\\n\`, \`*<n>\\r\\n...\`.

**concurrent-clients.** Node's event loop serves every socket; nothing blocks it (no synchronous
waits), and each socket's parser and state live in its connection callback.

**set-get, del-exists.** \`keyspace.ts\` holds 16 \`Database\`s, each a \`Map\` of key to value.
Keys and values are one-byte ('latin1') strings, so any byte survives. Every command has an arity
(\`commands.ts\`, Redis's own convention: n exactly, -n at least) checked before it runs, which gives
Redis's "wrong number of arguments" errors for free.

**incr-decr.** Counters are parsed with Redis's strict rule (\`int64.ts\`: the exact decimal form of a
64-bit integer, no spaces, no leading zeros), kept as plain numbers while they are safe integers and
as BigInt beyond, and checked against the 64-bit limits after each addition. INCR, DECR, INCRBY and
DECRBY are one function with different increments.

**expiry.** Expiry times are absolute Unix milliseconds, in a second map beside the values. A read
of a key whose time has passed deletes it first (lazy expiry), and a timer sweeps a bounded number of
keys every 100 ms so unread keys also go. SET's options are parsed in one loop that rejects
conflicting options before changing anything; a SET without EX/PX drops the expiry.

**transactions.** A \`Session\` per connection holds its database index and its transaction: the
queued commands, and whether one was refused while queueing (then EXEC replies EXECABORT). Inside
MULTI, a command's name and arity are checked at once; the rest is queued with \`+QUEUED\`. EXEC runs
the queue synchronously, so no other client can run in between, and collects the replies into one
array.

**select.** SELECT only changes \`session.db\`; every command uses \`keyspace.db(session.db)\`.

**compact.** COMPACT walks the live keys of the session's database in sorted order and writes one
\`SET key value [PX ms-left]\` line per key, quoting a word that needs it with redis-cli's escapes
(\`quoteWord\` in commands.ts). It also rewrites the append-only log to that minimal form.

**pipelining.** All the replies to the requests of one chunk are appended to \`session.out\` and sent
in a single write, in order. Reads skip Node's stream machinery (a new Buffer and a Readable's
bookkeeping per read): each connection is re-opened on its handle with the \`onread\` option, which
reads into one buffer the server reuses. Writes skip it too: \`reply-writer.ts\` writes to the socket's
handle, as \`net.Socket\` does inside. A client that stops reading its replies is not read from until
the replies queued for it are out. To let real clients connect, the server answers INFO with a bulk string, COMMAND DOCS
and CONFIG GET with arrays, CLIENT SETNAME with +OK, and commands it does not have (HELLO, CLIENT
SETINFO) with Redis's "unknown command" errors: ioredis then falls back to RESP2 and ignores the rest.

**persistence.** \`append-log.ts\` writes one record per change to \`<dir>/appendonly.aof\`, as RESP
commands that state results: \`SET key value [PXAT <absolute ms>]\`, \`DEL\`, with a \`SELECT\` when the
database changes. The records of a chunk are written (writeSync) before its replies leave, and
fsynced once a second. On start the same request parser replays the file, skipping keys whose time
ran out while the server was down; on SIGTERM the server closes and fsyncs the log.`;

/** Copies the reference solution into the workspace, after moving the learner's files aside. */
async function applySolution(ctx: CheckContext): Promise<void> {
  const workspace = ctx.workspace;
  if (!workspace) throw new Error('toy-redis has no workspace to put the solution in: start the lab first');
  const exists = await stat(workspace).then(
    () => true,
    () => false,
  );
  if (exists) {
    const backup = `${workspace}.bak-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(workspace, backup);
    ctx.debug(`your workspace was moved to ${backup}`);
  }
  await cp(join(labDir, 'solution'), workspace, { recursive: true });
}

export default defineLab({
  id: 'toy-redis',
  title: 'Build your own Redis',
  story: 'stories/toy-redis',
  summary:
    'Build a Redis-compatible server in any language, from PING to transactions, pipelining and an append-only log, checked stage by stage against real Redis.',
  difficulty: 'intermediate',
  minutes: 360,
  briefing,
  services: {
    redis: {
      build: 'environment/redis',
      description: "Debian's redis-server 7.0: the reference every check compares your server with.",
      ports: [{ container: 6379, label: 'real Redis' }],
      wait: { type: 'healthcheck' },
    },
  },
  starters,
  preflight: [
    {
      title: 'Go, for the Go starter',
      run: async (ctx) => goToolchain(ctx.starter),
    },
  ],
  processes: {
    server: {
      description: 'Your toy Redis, run from your workspace and restarted when you save a file.',
      command: ['./your_program.sh', '--port', '{port}', '--dir', '{dataDir}'],
      label: 'your server',
    },
  },
  ordered: true,
  objectives: STAGES.map((stage) => ({
    id: stage.id,
    title: stage.title,
    description: stage.spec,
    check: (ctx: CheckContext) => checkStage(stage.id, ctx, seedFromEnvironment()),
    hints: stage.hints,
    timeoutMs: stage.timeoutMs + STOP_MARGIN_MS,
  })),
  instructor,
  solution: { walkthrough, apply: applySolution },
});
