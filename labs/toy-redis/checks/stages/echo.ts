import { escapeBytes } from '../resp.ts';
import type { Stage } from '../stage.ts';
import { bulk, wrongArgs } from './replies.ts';

export const echo: Stage = {
  id: 'echo',
  title: 'ECHO',
  timeoutMs: 20_000,
  spec: `Commands now have arguments. \`ECHO <message>\` replies with the message as a bulk string:
\`$<length in bytes>\\r\\n<bytes>\\r\\n\`. Arguments are binary-safe: a bulk string may contain spaces,
\`\\r\\n\`, or any byte, because its length says where it ends.

Opens one connection and sends, each as a RESP array:

1. \`ECHO <random word>\`: expects \`$<n>\\r\\n<word>\\r\\n\`.
2. \`ECHO\` with two random words separated by a space (one argument).
3. \`ECHO\` with a word whose UTF-8 byte count differs from its letter count (e.g. \`café\`, 5 bytes).
4. \`ECHO\` with a message that contains \`\\r\\n\` in the middle.
5. \`ECHO ""\` (an empty argument): expects \`$0\\r\\n\\r\\n\`.
6. \`PING <random word>\`: with an argument, PING replies like ECHO.
7. The inline command \`ECHO <random word>\\r\\n\`: expects the word as a bulk string.
8. \`ECHO\` with no argument, and \`ECHO\` with two arguments: expects the error
   \`-ERR wrong number of arguments for 'echo' command\\r\\n\` to each.`,
  hints: [
    'Parse the whole RESP array: "*<count>\\r\\n" then <count> bulk strings "$<length>\\r\\n<bytes>\\r\\n"; ECHO replies with its argument as a bulk string.',
    'Read a bulk string by its length, not up to the next "\\r\\n": the data may contain "\\r\\n". Work on bytes (a Buffer), not on a decoded string.',
    'The length in "$<length>" counts bytes: in Node, Buffer.byteLength(text) or buffer.length, never text.length.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const word = t.rng.word();
    await c.call(['ECHO', word], {
      expect: bulk(word),
      hint: 'ECHO replies with its argument as a bulk string.',
    });
    const twoWords = `${t.rng.word()} ${t.rng.word()}`;
    await c.call(['ECHO', twoWords], {
      expect: bulk(twoWords),
      hint: 'One bulk string argument may contain spaces.',
    });
    const unicode = t.rng.unicodeWord();
    await c.call(['ECHO', unicode], {
      expect: bulk(unicode),
      hint: `"${unicode}" is ${unicode.length} characters but ${Buffer.byteLength(unicode)} bytes: lengths count bytes.`,
    });
    const lines = `${t.rng.word()}\r\n${t.rng.word()}`;
    await c.call(['ECHO', lines], {
      expect: bulk(lines),
      hint: 'A bulk string is read by its length: its data may contain "\\r\\n".',
    });
    await c.call(['ECHO', ''], { expect: bulk(''), hint: 'An empty bulk string is "$0\\r\\n\\r\\n".' });
    const pingWord = t.rng.word();
    await c.call(['PING', pingWord], {
      expect: bulk(pingWord),
      hint: 'PING with an argument replies with it, like ECHO.',
    });
    const inlineWord = t.rng.word();
    const inline = Buffer.from(`ECHO ${inlineWord}\r\n`);
    const sent = { raw: inline, description: `the inline command ${escapeBytes(inline)}` };
    await c.send(sent);
    await c.receive(sent, {
      expect: bulk(inlineWord),
      hint: 'Inline commands take arguments too: words separated by spaces.',
    });
    await c.call(['ECHO'], { expect: wrongArgs('echo') });
    await c.call(['ECHO', t.rng.word(), t.rng.word()], { expect: wrongArgs('echo') });
  },
};
