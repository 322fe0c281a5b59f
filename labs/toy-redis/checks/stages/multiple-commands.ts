import type { Stage } from '../stage.ts';
import { PONG } from './replies.ts';

export const multipleCommands: Stage = {
  id: 'multiple-commands',
  title: 'Many commands on one connection',
  timeoutMs: 20_000,
  spec: `Opens one connection and sends 3 to 6 \`PING\`s (a random number), each as a RESP array and each in
a random letter case (\`PING\`, \`ping\`, \`PiNg\`: command names are case-insensitive), waiting for each
reply before sending the next.

- **Expects** \`+PONG\\r\\n\` to every one of them, on the same connection.`,
  hints: [
    'A connection carries many commands: keep reading after the first reply, and do not close the socket.',
    'Compare command names case-insensitively (upper-case the name once when you parse it).',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const count = t.rng.int(3, 6);
    for (let i = 0; i < count; i++) {
      await c.call([t.rng.anyCase('ping')], {
        expect: PONG,
        position: `PING ${i + 1} of ${count}`,
        hint: 'Every command on a connection gets its reply; the command name can be in any letter case.',
      });
    }
  },
};
