import type { Session } from '../harness.ts';
import type { Stage } from '../stage.ts';
import { array, bulk, int, NIL, OK, PTTL_TOLERANCE_MS, QUEUED } from './replies.ts';
import { pttlWindow } from './timing.ts';

const LONG_PX = 60_000;
const SHORT_PX = 700;
const WAIT_BEFORE_RESTART_MS = 1500;

const AFTER_RESTART =
  'After a restart your server must answer exactly as before it: append every write to a log file in --dir before you reply, and replay that file when the server starts.';

export const persistence: Stage = {
  id: 'persistence',
  title: 'Persistence: an append-only log, replayed on restart',
  timeoutMs: 60_000,
  spec: `Your server keeps an append-only log inside the directory given by \`--dir\` (the file name is yours
to choose) and replays it when it starts, so data survives a restart. The tester stops your program
with SIGTERM (then SIGKILL if it is still running after 3 s) and starts it again with the same
\`--dir\` on a new port. A server may accept connections while it replays its log, as Redis does:
after each start the tester sends \`PING\` until the reply is not a \`-LOADING ...\` error. Real Redis
is not restarted: after the restart your server must answer what real Redis answers, byte for byte.

1. On one connection: \`SET\` a plain key, a value containing \`\\r\\n\` and non-ASCII letters, a key SET
   twice, a key SET then DELeted, a counter (\`INCR\` three times, then \`INCRBY 10\`), a key with
   \`PX ${LONG_PX}\`, a key with \`EX 100\` then SET again without options, a key with \`PX ${SHORT_PX}\`, a key
   with \`SET ... NX\` that did not happen; in a random database n: a key and a counter; a
   \`MULTI\`/\`EXEC\` with a SET and an INCR; a \`MULTI\`/\`DISCARD\` with a SET.
2. Waits ${WAIT_BEFORE_RESTART_MS / 1000} s, stops and restarts your program.
3. Checks every key with \`GET\` (in its database), \`TTL\` of the key whose expiry was cleared
   (\`:-1\`), \`PTTL\` of the \`PX ${LONG_PX}\` key (the time really left, as the tester's clock sees it, give or
   take ${PTTL_TOLERANCE_MS} ms: an expiry is a point in time, so it must not restart from ${LONG_PX} ms), the \`PX ${SHORT_PX}\` key is gone, and the
   deleted and discarded keys do not exist.
4. Writes again (\`INCR\` the counter, \`SET\` a new key), restarts once more, and checks both and an old
   key: the log keeps growing across restarts.
5. Restarts with a new, empty \`--dir\`: \`GET\` of the plain key must reply \`$-1\\r\\n\` (this check is not
   compared with real Redis): the data lives in \`--dir\`, nowhere else.`,
  hints: [
    'Append each write command that succeeded (SET, DEL, INCR..., in the form the client sent it, or your own) to a file in --dir, before sending its reply; on start, read the file and apply every command in it before you listen.',
    'Log the database of each write (a SELECT line when it changes), and turn EX/PX into an absolute time (e.g. SET k v PXAT <ms since epoch>), so that replaying does not restart the clock.',
    'Open the log for appending (never truncate it on start). In Node, fs.appendFileSync or fs.writeSync before the reply is simplest; with an async stream, flush it on SIGTERM before exiting.',
  ],
  async run(t) {
    await t.startProgram();
    let c: Session = await t.connect();
    const checks: { db: number; key: string; value: string | null }[] = [];
    const set = async (key: string, value: string, extra: string[] = []) => {
      await c.call(['SET', key, value, ...extra], { expect: OK });
    };
    const plain = t.rng.key();
    const plainValue = t.rng.value();
    await set(plain, plainValue);
    checks.push({ db: 0, key: plain, value: plainValue });
    const binary = t.rng.key();
    const binaryValue = `${t.rng.word()}\r\n${t.rng.unicodeWord()}`;
    await set(binary, binaryValue);
    checks.push({ db: 0, key: binary, value: binaryValue });
    const twice = t.rng.key();
    await set(twice, t.rng.word());
    const twiceValue = t.rng.word();
    await set(twice, twiceValue);
    checks.push({ db: 0, key: twice, value: twiceValue });
    const deleted = t.rng.key();
    await set(deleted, t.rng.word());
    await c.call(['DEL', deleted], { expect: int(1) });
    checks.push({ db: 0, key: deleted, value: null });
    const counter = t.rng.key('counter');
    for (let i = 1; i <= 3; i++) await c.call(['INCR', counter], { expect: int(i) });
    await c.call(['INCRBY', counter, '10'], { expect: int(13) });
    checks.push({ db: 0, key: counter, value: '13' });
    const expiring = t.rng.key();
    const expiringValue = t.rng.word();
    const expiringSentAt = performance.now();
    await set(expiring, expiringValue, ['PX', String(LONG_PX)]);
    const expiringRepliedAt = performance.now();
    checks.push({ db: 0, key: expiring, value: expiringValue });
    const cleared = t.rng.key();
    await set(cleared, t.rng.word(), ['EX', '100']);
    const clearedValue = t.rng.word();
    await set(cleared, clearedValue);
    checks.push({ db: 0, key: cleared, value: clearedValue });
    const shortLived = t.rng.key();
    await set(shortLived, t.rng.word(), ['PX', String(SHORT_PX)]);
    checks.push({ db: 0, key: shortLived, value: null });
    const nxKey = t.rng.key();
    const nxValue = t.rng.word();
    await set(nxKey, nxValue);
    await c.call(['SET', nxKey, t.rng.word(), 'NX'], { expect: NIL });
    checks.push({ db: 0, key: nxKey, value: nxValue });
    const db = t.rng.int(1, 15);
    const dbKey = t.rng.key();
    const dbValue = t.rng.value();
    const dbCounter = t.rng.key('counter');
    await c.call(['SELECT', String(db)], { expect: OK });
    await set(dbKey, dbValue);
    await c.call(['INCR', dbCounter], { expect: int(1) });
    checks.push(
      { db, key: dbKey, value: dbValue },
      { db, key: dbCounter, value: '1' },
      { db: 0, key: dbKey, value: null },
    );
    await c.call(['SELECT', '0'], { expect: OK });
    const txKey = t.rng.key();
    const txValue = t.rng.word();
    const txCounter = t.rng.key('counter');
    await c.call(['MULTI'], { expect: OK });
    await c.call(['SET', txKey, txValue], { expect: QUEUED });
    await c.call(['INCR', txCounter], { expect: QUEUED });
    await c.call(['EXEC'], { expect: array([OK, int(1)]) });
    checks.push({ db: 0, key: txKey, value: txValue }, { db: 0, key: txCounter, value: '1' });
    const discarded = t.rng.key();
    await c.call(['MULTI'], { expect: OK });
    await c.call(['SET', discarded, t.rng.word()], { expect: QUEUED });
    await c.call(['DISCARD'], { expect: OK });
    checks.push({ db: 0, key: discarded, value: null });

    const verify = async (round: string) => {
      let current = 0;
      const byDb = [...checks].sort((a, b) => a.db - b.db);
      for (const check of byDb) {
        if (check.db !== current) {
          await c.call(['SELECT', String(check.db)], { expect: OK });
          current = check.db;
        }
        const why =
          check.value === null
            ? `${round}: this key must not exist (it was deleted, expired, discarded or lives in another database).`
            : `${round}: ${AFTER_RESTART}`;
        await c.call(['GET', check.key], {
          expect: check.value === null ? NIL : bulk(check.value),
          hint: why,
        });
      }
      if (current !== 0) await c.call(['SELECT', '0'], { expect: OK });
      await c.call(['TTL', cleared], {
        expect: int(-1),
        hint: `${round}: this key was SET again without EX after SET ... EX 100; the log must replay that the expiry was removed.`,
      });
      await c.call(['PTTL', expiring], {
        within: pttlWindow(expiringSentAt, expiringRepliedAt, LONG_PX),
        hint: `${round}: this key was set with PX ${LONG_PX} before the restart; its deadline is a point in time. Log an absolute time, so replaying does not restart the clock.`,
      });
    };

    await t.sleep(WAIT_BEFORE_RESTART_MS);
    await t.stopProgram();
    await t.startProgram();
    await t.waitWhileLoading();
    c = await t.connect();
    await verify('After the first restart');

    await c.call(['INCR', counter], { expect: int(14) });
    const later = t.rng.key();
    const laterValue = t.rng.value();
    await set(later, laterValue);
    checks.push({ db: 0, key: later, value: laterValue });
    const counterCheck = checks.find((check) => check.key === counter);
    if (counterCheck) counterCheck.value = '14';
    await t.stopProgram();
    await t.startProgram();
    await t.waitWhileLoading();
    c = await t.connect();
    await verify('After the second restart (writes made after the first restart must be kept too)');

    await t.stopProgram();
    await t.startProgram(await t.newDataDir());
    await t.waitWhileLoading();
    const fresh = await t.connect({ learnerOnly: true });
    await fresh.call(['GET', plain], {
      learnerOnly: true,
      expect: NIL,
      hint: 'Started with a new, empty --dir, your server must start empty: keep the log in the directory given by --dir, not in a fixed place.',
    });
  },
};
