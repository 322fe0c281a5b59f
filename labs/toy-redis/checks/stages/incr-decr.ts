import type { Stage } from '../stage.ts';
import { bulk, int, NOT_INTEGER, OK, OVERFLOW, wrongArgs } from './replies.ts';

const MAX = 9223372036854775807n;
const MIN = -9223372036854775808n;

export const incrDecr: Stage = {
  id: 'incr-decr',
  title: 'INCR, INCRBY, DECR, DECRBY',
  timeoutMs: 20_000,
  spec: `Counters are strings that hold a 64-bit signed integer. Each command replies with the new value as an
integer. A missing key counts as 0. Opens one connection and:

1. \`INCR <new key>\` expects \`:1\\r\\n\`; \`GET\` it expects the bulk string \`$1\\r\\n1\\r\\n\`; \`INCR\` again expects \`:2\\r\\n\`.
2. \`INCRBY <key> <n>\` with a random n from 2 to 1000, then with a random negative n.
3. \`INCRBY <new key> <n>\` expects \`:<n>\\r\\n\` (a missing key starts from 0, not 1).
4. \`DECR <key>\`, \`DECRBY <key> <n>\`, and \`DECR <new key>\` (expects \`:-1\\r\\n\`).
5. \`SET <key> <value>\` with \`"10"\`, then \`INCR\`: stored numbers work like counters.
6. Errors, each expecting \`-ERR value is not an integer or out of range\\r\\n\`: \`INCR\` on a key
   holding a word, on \`"1.5"\` and on \`" 1"\` (with a space); \`INCRBY <counter> <word>\`;
   \`INCRBY <counter> 1.5\`. \`GET\` afterwards shows the value unchanged.
7. Overflow, expecting \`-ERR increment or decrement would overflow\\r\\n\`: \`INCR\` on
   \`9223372036854775807\` and \`DECR\` on \`-9223372036854775808\`.
8. \`INCR\` with no key, \`INCRBY <key>\` without an amount: expects
   \`-ERR wrong number of arguments for 'incr' command\\r\\n\` (and \`'incrby'\`).`,
  hints: [
    'INCR k is INCRBY k 1, DECR k is INCRBY k -1, DECRBY k n is INCRBY k -n: write one function. Store the result back as a string.',
    'A value counts as an integer only if it is exactly the decimal form of one: "-12" yes; "1.5", " 1", "01", "" no. Compare String(BigInt(s)) === s, after checking the characters.',
    'Values go up to 2^63 - 1 (9223372036854775807): JavaScript numbers lose precision past 2^53, so use BigInt and check the result against the 64-bit limits.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const counter = t.rng.key('counter');
    await c.call(['INCR', counter], {
      expect: int(1),
      hint: 'A missing key counts as 0, so INCR makes it 1.',
    });
    await c.call(['GET', counter], {
      expect: bulk('1'),
      hint: 'The counter is stored as a string: GET returns it as a bulk string.',
    });
    await c.call(['INCR', counter], { expect: int(2) });
    let value = 2n;
    const up = t.rng.int(2, 1000);
    value += BigInt(up);
    await c.call(['INCRBY', counter, String(up)], {
      expect: int(value),
      hint: 'INCRBY adds its argument and replies with the new value.',
    });
    const down = -t.rng.int(2, 1000);
    value += BigInt(down);
    await c.call(['INCRBY', counter, String(down)], {
      expect: int(value),
      hint: 'The increment may be negative.',
    });
    const fresh = t.rng.key('counter');
    const start = t.rng.int(2, 1000);
    await c.call(['INCRBY', fresh, String(start)], {
      expect: int(start),
      hint: `A missing key counts as 0, so INCRBY by ${start} gives ${start} (not 1, and not ${start + 1}).`,
    });
    value -= 1n;
    await c.call(['DECR', counter], { expect: int(value) });
    const by = t.rng.int(2, 1000);
    value -= BigInt(by);
    await c.call(['DECRBY', counter, String(by)], {
      expect: int(value),
      hint: 'DECRBY subtracts its argument.',
    });
    await c.call(['DECR', t.rng.key('counter')], { expect: int(-1) });
    const stored = t.rng.key();
    await c.call(['SET', stored, '10'], { expect: OK });
    await c.call(['INCR', stored], {
      expect: int(11),
      hint: 'A value set with SET that is an integer works as a counter.',
    });
    const hint = 'Redis\'s error text is exactly "ERR value is not an integer or out of range".';
    for (const bad of [t.rng.word(), '1.5', ' 1']) {
      const key = t.rng.key();
      await c.call(['SET', key, bad], { expect: OK });
      await c.call(['INCR', key], { expect: NOT_INTEGER, hint });
      await c.call(['GET', key], { expect: bulk(bad), hint: 'A failed INCR leaves the value unchanged.' });
    }
    await c.call(['INCRBY', counter, t.rng.word()], { expect: NOT_INTEGER, hint });
    await c.call(['INCRBY', counter, '1.5'], { expect: NOT_INTEGER, hint });
    await c.call(['GET', counter], {
      expect: bulk(String(value)),
      hint: 'A failed INCRBY leaves the value unchanged.',
    });
    const top = t.rng.key();
    await c.call(['SET', top, String(MAX)], { expect: OK });
    await c.call(['INCR', top], {
      expect: OVERFLOW,
      hint: '9223372036854775807 is the largest 64-bit integer: one more would overflow.',
    });
    const bottom = t.rng.key();
    await c.call(['SET', bottom, String(MIN)], { expect: OK });
    await c.call(['DECR', bottom], {
      expect: OVERFLOW,
      hint: '-9223372036854775808 is the smallest 64-bit integer.',
    });
    await c.call(['INCR'], { expect: wrongArgs('incr') });
    await c.call(['INCRBY', counter], { expect: wrongArgs('incrby') });
  },
};
