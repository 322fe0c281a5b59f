import type { Stage } from '../stage.ts';
import { PONG } from './replies.ts';

export const ping: Stage = {
  id: 'ping',
  title: 'Respond to PING',
  timeoutMs: 20_000,
  spec: `Opens one connection and sends \`PING\` the way every client does, as a RESP array of bulk strings:
\`*1\\r\\n$4\\r\\nPING\\r\\n\`.

- **Expects** the simple string \`+PONG\\r\\n\`, within 2 s.`,
  hints: [
    'Read from the socket and write a reply back: for now every command can be answered with PONG.',
    'The reply is exactly the 7 bytes "+PONG\\r\\n": a plus sign, PONG, a carriage return and a line feed.',
    'In Node: `socket.on("data", () => socket.write("+PONG\\r\\n"))`.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    await c.call(['PING'], { expect: PONG, hint: 'PING is answered with the simple string "+PONG\\r\\n".' });
  },
};
