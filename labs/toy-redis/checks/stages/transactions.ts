import { reply } from '../resp.ts';
import type { Stage } from '../stage.ts';
import { array, bulk, int, NIL, NOT_INTEGER, OK, QUEUED, wrongArgs } from './replies.ts';

const EXEC_WITHOUT_MULTI = reply.error('ERR EXEC without MULTI');
const DISCARD_WITHOUT_MULTI = reply.error('ERR DISCARD without MULTI');
const NESTED = reply.error('ERR MULTI calls can not be nested');
const EXECABORT = reply.error('EXECABORT Transaction discarded because of previous errors.');

export const transactions: Stage = {
  id: 'transactions',
  title: 'Transactions: MULTI, EXEC, DISCARD',
  timeoutMs: 20_000,
  spec: `\`MULTI\` starts a transaction on _this connection_: the commands that follow reply \`+QUEUED\\r\\n\`
instead of running; \`EXEC\` runs them all and replies with an array of their replies; \`DISCARD\`
drops them. Other connections are not affected. Opens connections 1 and 2 and:

1. On 1: \`MULTI\` → \`+OK\`; \`SET <key> <value>\` → \`+QUEUED\`; \`INCR <counter>\` → \`+QUEUED\`;
   \`GET <key>\` → \`+QUEUED\`.
2. On 2 (not in a transaction): \`GET <key>\` → \`$-1\\r\\n\` (not applied yet, and not queued).
3. On 1: \`EXEC\` → \`*3\\r\\n+OK\\r\\n:1\\r\\n$<n>\\r\\n<value>\\r\\n\`. On 2: \`GET <key>\` → the value.
4. \`EXEC\` and \`DISCARD\` outside a transaction → \`-ERR EXEC without MULTI\\r\\n\` and
   \`-ERR DISCARD without MULTI\\r\\n\`.
5. \`MULTI\` twice → \`+OK\`, then \`-ERR MULTI calls can not be nested\\r\\n\` (still in the
   transaction); \`DISCARD\` → \`+OK\`.
6. \`MULTI\`, \`SET <key> <other value>\` → \`+QUEUED\`, \`DISCARD\` → \`+OK\`; \`GET <key>\` → the old value.
7. \`MULTI\`, \`EXEC\` → \`*0\\r\\n\` (an empty transaction).
8. A command that fails when it runs: \`SET <word key> <word>\`, then \`MULTI\`, \`INCR <word key>\`,
   \`SET <key2> <value>\`, \`EXEC\` → \`*2\\r\\n-ERR value is not an integer or out of range\\r\\n+OK\\r\\n\`
   (the error is an element; the other commands still run). \`GET <key2>\` → the value.
9. A command that is wrong when queued: \`MULTI\`, \`SET <key3>\` (missing value) →
   \`-ERR wrong number of arguments for 'set' command\\r\\n\` at once, \`SET <key4> <value>\` → \`+QUEUED\`,
   \`EXEC\` → \`-EXECABORT Transaction discarded because of previous errors.\\r\\n\`; \`GET <key4>\` → \`$-1\\r\\n\`.
10. Two transactions at once: \`MULTI\` on 1 and on 2, \`INCR <counter2>\` on 1, \`INCR <counter2>\` and
    \`INCRBY <counter2> 10\` on 2, \`EXEC\` on 2 → \`*2\\r\\n:1\\r\\n:11\\r\\n\`, \`EXEC\` on 1 → \`*1\\r\\n:12\\r\\n\`.`,
  hints: [
    "Keep the transaction state (in MULTI or not, the queued commands) per connection, next to that connection's socket, not in the shared store.",
    "While in MULTI, check each command's name and argument count first: if that fails, reply with the error at once and mark the transaction as failed (EXEC then replies EXECABORT); otherwise queue it and reply +QUEUED. MULTI, EXEC and DISCARD themselves are never queued.",
    'EXEC runs the queued commands one after the other, collects their replies (errors included) into one array reply, and leaves the transaction. Run them without awaiting anything in between, so no other client runs in the middle.',
  ],
  async run(t) {
    await t.startProgram();
    const one = await t.connect();
    const two = await t.connect();
    const key = t.rng.key();
    const value = t.rng.value();
    const counter = t.rng.key('counter');
    await one.call(['MULTI'], { expect: OK, hint: 'MULTI starts a transaction and replies "+OK\\r\\n".' });
    const queued = 'Inside MULTI, commands are queued and answered "+QUEUED\\r\\n".';
    await one.call(['SET', key, value], { expect: QUEUED, hint: queued });
    await one.call(['INCR', counter], { expect: QUEUED, hint: queued });
    await one.call(['GET', key], { expect: QUEUED, hint: queued });
    await two.call(['GET', key], {
      expect: NIL,
      hint: "Connection 1 is in a transaction, connection 2 is not: its GET runs at once, and connection 1's SET has not run yet.",
    });
    await one.call(['EXEC'], {
      expect: array([OK, int(1), bulk(value)]),
      hint: 'EXEC runs the queued commands in order and replies with an array of their replies.',
    });
    await two.call(['GET', key], {
      expect: bulk(value),
      hint: 'After EXEC the changes are visible to every connection.',
    });

    await one.call(['EXEC'], { expect: EXEC_WITHOUT_MULTI });
    await one.call(['DISCARD'], { expect: DISCARD_WITHOUT_MULTI });
    await one.call(['MULTI'], { expect: OK });
    await one.call(['MULTI'], {
      expect: NESTED,
      hint: 'A second MULTI is an error, and the transaction goes on.',
    });
    await one.call(['DISCARD'], {
      expect: OK,
      hint: 'DISCARD ends the transaction and replies "+OK\\r\\n".',
    });

    await one.call(['MULTI'], { expect: OK });
    await one.call(['SET', key, t.rng.value()], { expect: QUEUED });
    await one.call(['DISCARD'], { expect: OK });
    await one.call(['GET', key], {
      expect: bulk(value),
      hint: 'DISCARD drops the queued commands: nothing they would do happens.',
    });
    await one.call(['MULTI'], { expect: OK });
    await one.call(['EXEC'], {
      expect: array([]),
      hint: 'An empty transaction replies with an empty array "*0\\r\\n".',
    });

    const wordKey = t.rng.key();
    const key2 = t.rng.key();
    const value2 = t.rng.value();
    await one.call(['SET', wordKey, t.rng.word()], { expect: OK });
    await one.call(['MULTI'], { expect: OK });
    await one.call(['INCR', wordKey], {
      expect: QUEUED,
      hint: 'Whether INCR will fail is only known when it runs: queue it.',
    });
    await one.call(['SET', key2, value2], { expect: QUEUED });
    await one.call(['EXEC'], {
      expect: array([NOT_INTEGER, OK]),
      hint: 'A command that fails inside EXEC puts its error in the array; the others still run.',
    });
    await one.call(['GET', key2], { expect: bulk(value2) });

    const key3 = t.rng.key();
    const key4 = t.rng.key();
    await one.call(['MULTI'], { expect: OK });
    await one.call(['SET', key3], {
      expect: wrongArgs('set'),
      hint: 'A command with the wrong number of arguments is refused at once, even inside MULTI.',
    });
    await one.call(['SET', key4, t.rng.value()], { expect: QUEUED });
    await one.call(['EXEC'], {
      expect: EXECABORT,
      hint: 'After a command was refused while queuing, EXEC discards the whole transaction with this exact error.',
    });
    await one.call(['GET', key4], {
      expect: NIL,
      hint: 'The aborted transaction must not have run any command.',
    });

    const counter2 = t.rng.key('counter');
    await one.call(['MULTI'], { expect: OK });
    await two.call(['MULTI'], { expect: OK, hint: 'Each connection has its own transaction.' });
    await one.call(['INCR', counter2], { expect: QUEUED });
    await two.call(['INCR', counter2], { expect: QUEUED });
    await two.call(['INCRBY', counter2, '10'], { expect: QUEUED });
    await two.call(['EXEC'], {
      expect: array([int(1), int(11)]),
      hint: "Connection 2's EXEC runs only connection 2's queued commands.",
    });
    await one.call(['EXEC'], {
      expect: array([int(12)]),
      hint: "Connection 1's EXEC runs only its own queued command.",
    });
  },
};
