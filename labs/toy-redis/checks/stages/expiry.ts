import { environmentFailure } from '../failure.ts';
import { InconclusiveStep } from '../harness.ts';
import type { Stage } from '../stage.ts';
import {
  bulk,
  INVALID_EXPIRE,
  int,
  NIL,
  NOT_INTEGER,
  OK,
  PTTL_TOLERANCE_MS,
  SYNTAX,
  TTL_TOLERANCE_S,
} from './replies.ts';
import { CLOCK_MARGIN_MS, pttlWindow, ttlWindow } from './timing.ts';

const SHORT_PX = 500;
const WAIT_AFTER_SET_MS = 750;
const MAX_ATTEMPTS = 5;

export const expiry: Stage = {
  id: 'expiry',
  title: 'Expiry: SET EX/PX/NX/XX, TTL and PTTL',
  timeoutMs: 20_000,
  spec: `\`SET key value [NX | XX] [EX seconds | PX milliseconds]\` (options in any order and letter case).
EX/PX give the key a time to live; NX sets only if the key does not exist, XX only if it does, and
a SET that does not happen replies \`$-1\\r\\n\`. A SET without EX/PX removes any previous expiry.
\`TTL\`/\`PTTL\` reply with the time left in seconds/milliseconds, \`-1\` for a key without expiry and
\`-2\` for a missing key. Opens one connection and:

1. \`SET <key> <value> PX ${SHORT_PX}\` and \`SET <counter> 5 PX ${SHORT_PX}\`, then \`GET <key>\` at once: expects the value.
   (On a machine so busy that the GET is answered ${SHORT_PX} ms or more after the first SET was sent, this step
   proves nothing and is tried again with new keys.)
2. Waits until ${WAIT_AFTER_SET_MS} ms after the second SET was answered, then \`GET <key>\` expects \`$-1\\r\\n\`, \`EXISTS <key>\`
   expects \`:0\\r\\n\`, \`INCR <counter>\` expects \`:1\\r\\n\` (an expired key is a missing key).
3. \`SET <key> <value> EX 100\`, then \`TTL\` expects \`:100\\r\\n\` and \`PTTL\` about \`:100000\\r\\n\`.
4. \`TTL\`/\`PTTL\` of a missing key expect \`:-2\\r\\n\`; of a key set without expiry, \`:-1\\r\\n\`.
5. \`SET\` again without options on the key from step 3, then \`TTL\` expects \`:-1\\r\\n\`.
6. NX and XX: \`SET <new key> a NX\` → \`+OK\`; \`SET <same key> b NX\` → \`$-1\`; \`GET\` → \`a\`;
   \`SET <other new key> a XX\` → \`$-1\` and \`GET\` → \`$-1\`; \`SET <first key> c XX\` → \`+OK\`; \`GET\` → \`c\`.
7. \`SET <new key> <value> px 100000 nx\` with the options in random letter case, then \`PTTL\`.
8. Errors: \`EX 0\` and \`PX -5\` expect \`-ERR invalid expire time in 'set' command\\r\\n\` (and set
   nothing); \`EX <word>\` expects \`-ERR value is not an integer or out of range\\r\\n\`; \`NX XX\`
   together, \`EX\` without a number, and \`EX 10 PX 100\` together each expect \`-ERR syntax error\\r\\n\`.

Timing: a TTL or PTTL reply must be the time left as the tester's own clock sees it: no more than the EX/PX
given, no less than that minus the time since the SET was sent, give or take ${TTL_TOLERANCE_S} s for TTL and
${PTTL_TOLERANCE_MS} ms for PTTL (real Redis's replies meet the same bounds). Every other reply must match
real Redis's byte for byte.`,
  hints: [
    "Store each key's expiry as an absolute time (Date.now() + ttl), and treat a key whose time has passed as missing whenever you read it.",
    "Parse SET's options in a loop after the value, case-insensitively; reject a second expiry option, NX with XX, and a missing or non-integer number, before changing anything.",
    'TTL is the remaining time rounded to the nearest second ((deadline - now + 500) / 1000, truncated); PTTL is deadline - now. A plain SET clears the deadline.',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    // Step 1 proves something only if GET is answered before the keys can have expired: on a machine
    // too busy for that, it is tried again with new keys (the replies then decided nothing).
    let key = '';
    let counter = '';
    let lastSetAt = 0;
    for (let attempt = 1; ; attempt++) {
      key = t.rng.key();
      const value = t.rng.value();
      const firstSentAt = performance.now();
      await c.call(['SET', key, value, 'PX', String(SHORT_PX)], {
        expect: OK,
        hint: 'SET accepts the PX option.',
      });
      counter = t.rng.key('counter');
      await c.call(['SET', counter, '5', 'PX', String(SHORT_PX)], { expect: OK });
      lastSetAt = performance.now();
      try {
        await c.call(['GET', key], {
          expect: bulk(value),
          hint: 'A key with an expiry exists until its time is up.',
          inconclusiveIf: ({ repliedAt }) => repliedAt - firstSentAt >= SHORT_PX - CLOCK_MARGIN_MS,
        });
        break;
      } catch (err) {
        if (!(err instanceof InconclusiveStep)) throw err;
        if (attempt === MAX_ATTEMPTS) {
          throw environmentFailure(
            `This machine is too busy to time the expiry stage: ${MAX_ATTEMPTS} times, a GET sent right after a SET ... PX ${SHORT_PX} ` +
              `was answered only after the key could have expired.`,
            'Run the check again when the machine is less busy.',
          );
        }
        t.debug(`GET came ${SHORT_PX} ms or more after the SET (a busy machine): trying again with new keys`);
      }
    }
    // Both keys are expired on any server once SHORT_PX has passed since the second SET was answered.
    await t.sleep(Math.max(0, lastSetAt + WAIT_AFTER_SET_MS - performance.now()));
    const expired = `This key was set with PX ${SHORT_PX} more than ${WAIT_AFTER_SET_MS} ms ago: it must read as missing.`;
    await c.call(['GET', key], { expect: NIL, hint: expired });
    await c.call(['EXISTS', key], { expect: int(0), hint: expired });
    await c.call(['INCR', counter], {
      expect: int(1),
      hint: 'An expired key is a missing key: INCR starts again from 0.',
    });

    const withTtl = t.rng.key();
    const ttlSetSentAt = performance.now();
    await c.call(['SET', withTtl, t.rng.value(), 'EX', '100'], {
      expect: OK,
      hint: 'SET accepts the EX option (seconds).',
    });
    const ttlSetRepliedAt = performance.now();
    await c.call(['TTL', withTtl], {
      within: ttlWindow(ttlSetSentAt, 100),
      hint: 'TTL replies with the seconds left as an integer.',
    });
    await c.call(['PTTL', withTtl], {
      within: pttlWindow(ttlSetSentAt, ttlSetRepliedAt, 100_000),
      hint: 'PTTL replies with the milliseconds left as an integer.',
    });
    const missing = t.rng.key();
    await c.call(['TTL', missing], { expect: int(-2), hint: 'TTL of a missing key is -2.' });
    await c.call(['PTTL', missing], { expect: int(-2), hint: 'PTTL of a missing key is -2.' });
    const plain = t.rng.key();
    await c.call(['SET', plain, t.rng.value()], { expect: OK });
    await c.call(['TTL', plain], { expect: int(-1), hint: 'TTL of a key without expiry is -1.' });
    await c.call(['PTTL', plain], { expect: int(-1), hint: 'PTTL of a key without expiry is -1.' });
    await c.call(['SET', withTtl, t.rng.value()], { expect: OK });
    await c.call(['TTL', withTtl], {
      expect: int(-1),
      hint: 'A SET without EX/PX removes the previous expiry.',
    });

    const nxKey = t.rng.key();
    await c.call(['SET', nxKey, 'a', 'NX'], { expect: OK, hint: 'NX sets the key when it does not exist.' });
    await c.call(['SET', nxKey, 'b', 'NX'], {
      expect: NIL,
      hint: 'NX on an existing key sets nothing and replies "$-1\\r\\n".',
    });
    await c.call(['GET', nxKey], {
      expect: bulk('a'),
      hint: 'The SET ... NX that did not happen must not change the value.',
    });
    const xxKey = t.rng.key();
    await c.call(['SET', xxKey, 'a', 'XX'], {
      expect: NIL,
      hint: 'XX on a missing key sets nothing and replies "$-1\\r\\n".',
    });
    await c.call(['GET', xxKey], { expect: NIL });
    await c.call(['SET', nxKey, 'c', 'XX'], { expect: OK, hint: 'XX sets the key when it exists.' });
    await c.call(['GET', nxKey], { expect: bulk('c') });
    const mixed = t.rng.key();
    const mixedSentAt = performance.now();
    await c.call(['SET', mixed, t.rng.value(), t.rng.anyCase('px'), '100000', t.rng.anyCase('nx')], {
      expect: OK,
      hint: 'Options are case-insensitive and may come in any order.',
    });
    await c.call(['PTTL', mixed], { within: pttlWindow(mixedSentAt, performance.now(), 100_000) });

    const errorKey = t.rng.key();
    await c.call(['SET', errorKey, 'v', 'EX', '0'], {
      expect: INVALID_EXPIRE,
      hint: 'An expiry must be a positive integer.',
    });
    await c.call(['SET', errorKey, 'v', 'PX', '-5'], {
      expect: INVALID_EXPIRE,
      hint: 'An expiry must be a positive integer.',
    });
    await c.call(['GET', errorKey], {
      expect: NIL,
      hint: 'A SET that replied with an error must not have set the key.',
    });
    await c.call(['SET', errorKey, 'v', 'EX', t.rng.word()], { expect: NOT_INTEGER });
    await c.call(['SET', errorKey, 'v', 'NX', 'XX'], {
      expect: SYNTAX,
      hint: 'NX and XX together is a syntax error.',
    });
    await c.call(['SET', errorKey, 'v', 'EX'], {
      expect: SYNTAX,
      hint: 'EX without a number is a syntax error.',
    });
    await c.call(['SET', errorKey, 'v', 'EX', '10', 'PX', '100'], {
      expect: SYNTAX,
      hint: 'Two expiry options is a syntax error.',
    });
  },
};
