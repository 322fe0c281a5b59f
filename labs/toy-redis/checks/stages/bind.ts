import { StageFailure } from '../failure.ts';
import type { Stage } from '../stage.ts';

export const bind: Stage = {
  id: 'bind',
  title: 'Bind to a port',
  timeoutMs: 25_000,
  spec: `The tester starts \`./your_program.sh --port <port> --dir <dir>\` in your workspace, with a free
port and a new empty directory, and tries to open a TCP connection to \`127.0.0.1:<port>\` every
100 ms. It gives up after 15 s, or as soon as your program exits.

- **Passes when** a connection is accepted, and your program is still running 100 ms after the
  tester closes that connection without sending anything.
- Nothing is sent, so nothing needs to be replied yet.`,
  hints: [
    'Your server must listen on TCP, on the port the tester passes with --port (it changes on every run).',
    'Read the arguments (in Node: `parseArgs` from node:util, or process.argv), then `net.createServer(...).listen(port, "127.0.0.1")`.',
    'If your program prints nothing and never binds, check that your_program.sh ends with `exec <your server> "$@"` so the arguments reach it.',
  ],
  async run(t) {
    await t.startProgram();
    const probe = await t.connect({ learnerOnly: true });
    probe.close();
    await t.sleep(100);
    const exit = t.unexpectedExit();
    if (exit) {
      throw new StageFailure(
        `Your program ${exit} after a client connected and left without sending anything.`,
        'A client may close its connection at any time: handle the socket\'s "end", "close" and "error" events without exiting.',
      );
    }
  },
};
