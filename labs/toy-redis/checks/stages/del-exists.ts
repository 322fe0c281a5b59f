import type { Stage } from '../stage.ts';
import { int, NIL, OK, wrongArgs } from './replies.ts';

export const delExists: Stage = {
  id: 'del-exists',
  title: 'DEL and EXISTS',
  timeoutMs: 20_000,
  spec: `Both commands take one or more keys and reply with an integer (\`:<n>\\r\\n\`). Opens one connection and:

1. Sets 4 random keys with \`SET\`.
2. \`EXISTS <key>\` expects \`:1\\r\\n\`; \`EXISTS <missing key>\` expects \`:0\\r\\n\`.
3. \`EXISTS <key1> <key2> <missing key>\` expects \`:2\\r\\n\`; \`EXISTS <key1> <key1>\` expects
   \`:2\\r\\n\` (a key named twice counts twice).
4. \`DEL <key1>\` expects \`:1\\r\\n\`; the same \`DEL\` again expects \`:0\\r\\n\`; then \`GET <key1>\`
   expects \`$-1\\r\\n\` and \`EXISTS <key1>\` expects \`:0\\r\\n\`.
5. \`DEL <key2> <key3> <missing key>\` expects \`:2\\r\\n\` (the number of keys actually removed).
6. \`EXISTS <key4>\` still expects \`:1\\r\\n\`.
7. \`DEL\` and \`EXISTS\` with no key: expects \`-ERR wrong number of arguments for 'del' command\\r\\n\`
   and the same for \`'exists'\`.`,
  hints: [
    'Both commands loop over all their arguments and reply with a count as an integer: ":<n>\\r\\n".',
    'EXISTS counts every argument that names an existing key, duplicates included; DEL counts the keys it really removed.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const [k1, k2, k3, k4] = [t.rng.key(), t.rng.key(), t.rng.key(), t.rng.key()];
    for (const key of [k1, k2, k3, k4]) await c.call(['SET', key, t.rng.value()], { expect: OK });
    const missing = t.rng.key();
    await c.call(['EXISTS', k1], {
      expect: int(1),
      hint: 'EXISTS replies with an integer: the number of given keys that exist.',
    });
    await c.call(['EXISTS', missing], { expect: int(0) });
    await c.call(['EXISTS', k1, k2, missing], {
      expect: int(2),
      hint: 'EXISTS takes any number of keys and counts the ones that exist.',
    });
    await c.call(['EXISTS', k1, k1], { expect: int(2), hint: 'A key named twice is counted twice.' });
    await c.call(['DEL', k1], { expect: int(1), hint: 'DEL replies with the number of keys it removed.' });
    await c.call(['DEL', k1], {
      expect: int(0),
      hint: 'Deleting a key that is already gone removes nothing: ":0\\r\\n".',
    });
    await c.call(['GET', k1], { expect: NIL, hint: 'A deleted key reads as missing.' });
    await c.call(['EXISTS', k1], { expect: int(0) });
    await c.call(['DEL', k2, k3, missing], {
      expect: int(2),
      hint: 'DEL takes any number of keys and counts only the ones it removed.',
    });
    await c.call(['EXISTS', k4], { expect: int(1), hint: 'Deleting other keys must not touch this one.' });
    await c.call(['DEL'], { expect: wrongArgs('del') });
    await c.call(['EXISTS'], { expect: wrongArgs('exists') });
  },
};
