import type { Stage } from '../stage.ts';
import { bulk, DB_OUT_OF_RANGE, int, NIL, NOT_INTEGER, OK } from './replies.ts';

export const select: Stage = {
  id: 'select',
  title: 'SELECT: 16 databases',
  timeoutMs: 20_000,
  spec: `Redis has 16 separate keyspaces, numbered 0 to 15. A connection starts in database 0; \`SELECT <n>\`
switches _that connection_ to database n. Opens connections 1 and 2; n and m are random numbers
from 1 to 15, n ≠ m:

1. On 1: \`SELECT <n>\` → \`+OK\`; \`SET <key> <value>\` → \`+OK\`; \`GET <key>\` → the value.
2. On 1: \`SELECT 0\` → \`+OK\`; \`GET <key>\` → \`$-1\\r\\n\`; \`SET <key> <other value>\` → \`+OK\`.
3. On 2 (still in database 0): \`GET <key>\` → the other value. \`SELECT <n>\`, \`GET <key>\` → the value.
4. On 2, in n: \`INCR <counter>\` → \`:1\\r\\n\`, \`DEL <key>\` → \`:1\\r\\n\`. On 1 (database 0):
   \`EXISTS <key> <counter>\` → \`:1\\r\\n\` (only its own key). \`SELECT <m>\` → \`GET <key>\` → \`$-1\\r\\n\`.
5. \`SELECT 15\` → \`+OK\`; \`SELECT 16\` and \`SELECT -1\` → \`-ERR DB index is out of range\\r\\n\`;
   \`SELECT <word>\` → \`-ERR value is not an integer or out of range\\r\\n\`. After these errors the
   connection is still in database 15: \`SET\` then \`SELECT 0\` and \`GET\` → \`$-1\\r\\n\`.`,
  hints: [
    'Make the store an array of 16 maps, and give each connection its own "current database" index, starting at 0.',
    "Every command that reads or writes keys uses the connection's current map; SELECT only changes the index, after checking it is an integer from 0 to 15.",
  ],
  async run(t) {
    await t.startProgram();
    const one = await t.connect();
    const two = await t.connect();
    const [n, m] = t.rng.shuffle(Array.from({ length: 15 }, (_, i) => i + 1));
    if (n === undefined || m === undefined) throw new Error('two databases');
    const key = t.rng.key();
    const value = t.rng.value();
    const other = t.rng.value();
    await one.call(['SELECT', String(n)], { expect: OK, hint: 'SELECT with 0 to 15 replies "+OK\\r\\n".' });
    await one.call(['SET', key, value], { expect: OK });
    await one.call(['GET', key], { expect: bulk(value) });
    await one.call(['SELECT', '0'], { expect: OK });
    await one.call(['GET', key], {
      expect: NIL,
      hint: `The key was set in database ${n}; database 0 does not have it.`,
    });
    await one.call(['SET', key, other], { expect: OK });
    await two.call(['GET', key], {
      expect: bulk(other),
      hint: 'A new connection starts in database 0, whatever other connections selected.',
    });
    await two.call(['SELECT', String(n)], { expect: OK });
    await two.call(['GET', key], {
      expect: bulk(value),
      hint: `Database ${n} holds the value connection 1 set there.`,
    });
    const counter = t.rng.key('counter');
    await two.call(['INCR', counter], { expect: int(1) });
    await two.call(['DEL', key], { expect: int(1) });
    await one.call(['EXISTS', key, counter], {
      expect: int(1),
      hint: `Connection 1 is in database 0: the DEL and the INCR happened in database ${n}.`,
    });
    await one.call(['SELECT', String(m)], { expect: OK });
    await one.call(['GET', key], { expect: NIL, hint: `Database ${m} was never written to.` });
    await one.call(['SELECT', '15'], { expect: OK, hint: 'Databases go from 0 to 15.' });
    await one.call(['SELECT', '16'], { expect: DB_OUT_OF_RANGE, hint: 'There is no database 16.' });
    await one.call(['SELECT', '-1'], { expect: DB_OUT_OF_RANGE });
    await one.call(['SELECT', t.rng.word()], { expect: NOT_INTEGER });
    const last = t.rng.key();
    await one.call(['SET', last, t.rng.value()], {
      expect: OK,
      hint: 'A failed SELECT leaves the connection in its database (15 here).',
    });
    await one.call(['SELECT', '0'], { expect: OK });
    await one.call(['GET', last], { expect: NIL, hint: 'That key was set in database 15, not 0.' });
  },
};
