// Runs the reference toy Redis: node solution/main.ts --port <port> --dir <dir>
import { parseArgs } from 'node:util';
import { startServer } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '6379' },
    dir: { type: 'string', default: '.' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number, got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const server = await startServer({ port, dir: values.dir });
console.log(`toy-redis listening on 127.0.0.1:${server.port}, append-only log in ${values.dir}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
