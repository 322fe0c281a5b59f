import type { Stage } from '../stage.ts';
import { bulk, PONG } from './replies.ts';

export const multipleCommands: Stage = {
  id: 'multiple-commands',
  title: 'Many commands on one connection',
  timeoutMs: 20_000,
  spec: `Opens one connection and sends 3 to 6 \`PING\`s (a random number), each as a RESP array and each in
a random letter case (\`PING\`, \`ping\`, \`PiNg\`: command names are case-insensitive), waiting for each
reply before sending the next. Some of them (at least one, in random places) carry a random word as an
argument: \`PING <word>\`.

- **Expects** \`+PONG\\r\\n\` to every \`PING\` without an argument and the word as a bulk string to every
  \`PING <word>\` (\`$5\\r\\nmango\\r\\n\`), on the same connection.`,
  hints: [
    'A connection carries many commands: keep reading after the first reply, and do not close the socket.',
    'Compare command names case-insensitively (upper-case the name once when you parse it).',
    'Read each command\'s arguments from the RESP array: "*2\\r\\n$4\\r\\nPING\\r\\n$5\\r\\nmango\\r\\n" is PING with the argument "mango", and its reply is "$5\\r\\nmango\\r\\n".',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const count = t.rng.int(3, 6);
    // Which PINGs carry a word: at least one, so that a server must read what it is sent.
    const withWord = Array.from({ length: count }, () => t.rng.next() < 0.5);
    if (!withWord.includes(true)) withWord[t.rng.int(0, count - 1)] = true;
    for (const [i, hasWord] of withWord.entries()) {
      const name = t.rng.anyCase('ping');
      const position = `PING ${i + 1} of ${count}`;
      if (hasWord) {
        const word = t.rng.word();
        await c.call([name, word], {
          expect: bulk(word),
          position,
          hint: `PING with an argument replies with it as a bulk string ("$${word.length}\\r\\n${word}\\r\\n"): read each command's arguments, do not answer PONG to everything.`,
        });
      } else {
        await c.call([name], {
          expect: PONG,
          position,
          hint: 'Every command on a connection gets its reply; the command name can be in any letter case.',
        });
      }
    }
  },
};
