import type { Stage } from '../stage.ts';
import { bulk, NIL, OK, SYNTAX, wrongArgs } from './replies.ts';

export const setGet: Stage = {
  id: 'set-get',
  title: 'SET and GET',
  timeoutMs: 20_000,
  spec: `Opens one connection and sends:

1. \`SET <key> <value>\` for 4 random keys: expects \`+OK\\r\\n\` to each. The values are a plain word,
   words with a space, a word with non-ASCII letters, and a value containing \`\\r\\n\`.
2. \`GET <key>\` for each of them, in a random order: expects the value as a bulk string.
3. \`GET <key that was never set>\`: expects the null bulk string \`$-1\\r\\n\`.
4. \`SET\` on an existing key with a new value (\`+OK\\r\\n\`), then \`GET\`: expects the new value.
5. \`GET\` with the key in upper case: keys are case-sensitive, so expects \`$-1\\r\\n\`.
6. \`SET <key> ""\` then \`GET <key>\`: expects \`$0\\r\\n\\r\\n\`.
7. Errors: \`SET <key>\` (no value) expects \`-ERR wrong number of arguments for 'set' command\\r\\n\`;
   \`SET <key> <value> <extra word>\` expects \`-ERR syntax error\\r\\n\`;
   \`GET\` with no key expects \`-ERR wrong number of arguments for 'get' command\\r\\n\`.`,
  hints: [
    'Keep the data in one map shared by every connection: key -> value.',
    'Store values as bytes (Buffer) and send them back as bulk strings; a missing key is the null bulk string "$-1\\r\\n".',
    'Check the argument count before anything else: SET takes 2 arguments (options come in a later stage; an unknown extra word is a syntax error), GET takes 1.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const entries = new Map<string, string>([
      [t.rng.key(), t.rng.word()],
      [t.rng.key(), `${t.rng.word()} ${t.rng.word()}`],
      [t.rng.key(), t.rng.unicodeWord()],
      [t.rng.key(), `${t.rng.word()}\r\n${t.rng.word()}`],
    ]);
    for (const [key, value] of entries) {
      await c.call(['SET', key, value], {
        expect: OK,
        hint: 'SET stores the value and replies "+OK\\r\\n".',
      });
    }
    for (const key of t.rng.shuffle([...entries.keys()])) {
      await c.call(['GET', key], {
        expect: bulk(entries.get(key) ?? ''),
        hint: 'GET replies with the stored value as a bulk string.',
      });
    }
    await c.call(['GET', t.rng.key()], {
      expect: NIL,
      hint: 'A key that does not exist is the null bulk string "$-1\\r\\n".',
    });
    const [first] = entries.keys();
    if (first === undefined) throw new Error('entries are set');
    const newValue = t.rng.value();
    await c.call(['SET', first, newValue], { expect: OK, hint: 'SET overwrites an existing key.' });
    await c.call(['GET', first], {
      expect: bulk(newValue),
      hint: 'After a second SET, GET returns the newer value.',
    });
    await c.call(['GET', first.toUpperCase()], {
      expect: NIL,
      hint: 'Keys are case-sensitive: only command names are not.',
    });
    const emptyKey = t.rng.key();
    await c.call(['SET', emptyKey, ''], { expect: OK });
    await c.call(['GET', emptyKey], {
      expect: bulk(''),
      hint: 'An empty value is a bulk string of length 0: "$0\\r\\n\\r\\n".',
    });
    await c.call(['SET', t.rng.key()], { expect: wrongArgs('set') });
    await c.call(['SET', t.rng.key(), t.rng.word(), t.rng.word()], {
      expect: SYNTAX,
      hint: 'SET with an extra word that is not an option is a syntax error.',
    });
    await c.call(['GET'], { expect: wrongArgs('get') });
  },
};
