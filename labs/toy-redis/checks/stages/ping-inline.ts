import { escapeBytes } from '../resp.ts';
import type { Stage } from '../stage.ts';
import { bulk, PONG } from './replies.ts';

export const pingInline: Stage = {
  id: 'ping-inline',
  title: 'PING as an inline command',
  timeoutMs: 20_000,
  spec: `Redis also accepts _inline_ commands: plain words on a line, which is what you type into \`nc\` or
telnet. A line starts with a letter instead of \`*\`, and may end with \`\\r\\n\` or with \`\\n\` alone
(\`nc\` sends \`\\n\`). Words are separated by spaces.

Opens one connection and sends, one at a time, waiting for each reply:

1. \`PING\\r\\n\`
2. \`ping\\n\` (lower case, as \`nc\` sends it)
3. \`PING\` in a random letter case (e.g. \`pInG\`), then \`\\r\\n\`
4. \`PING <word>\\n\` with a random word (e.g. \`PING mango\\n\`)

- **Expects** \`+PONG\\r\\n\` to the first three. PING with an argument replies with that argument as a
  bulk string, like ECHO: \`$5\\r\\nmango\\r\\n\` to \`PING mango\`. Replies always end with \`\\r\\n\`, whatever
  the request used.`,
  hints: [
    'A request that does not start with "*" is an inline command: a line of words separated by spaces.',
    'Split the line on spaces after removing the trailing "\\n" and an optional "\\r" before it; compare the command name case-insensitively.',
    'PING with one argument replies "$" + its length in bytes + "\\r\\n" + the argument + "\\r\\n": answering "+PONG\\r\\n" to every read is not enough.',
    'Try it yourself: `nc 127.0.0.1 <port>`, then type PING and Enter, then PING hello.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const hint =
      'An inline command is one line of words; "ping" and "PING" are the same command, and a line may end with "\\n" alone.';
    for (const line of ['PING\r\n', 'ping\n', `${t.rng.anyCase('ping')}\r\n`]) {
      const raw = Buffer.from(line);
      const sent = { raw, description: `the inline command ${escapeBytes(raw)}` };
      await c.send(sent);
      await c.receive(sent, { expect: PONG, hint });
    }
    const word = t.rng.word();
    const raw = Buffer.from(`PING ${word}\n`);
    const sent = { raw, description: `the inline command ${escapeBytes(raw)}` };
    await c.send(sent);
    await c.receive(sent, {
      expect: bulk(word),
      hint: `PING with an argument replies with the argument as a bulk string: "$${word.length}\\r\\n${word}\\r\\n". Split the line into words and look at them.`,
    });
  },
};
