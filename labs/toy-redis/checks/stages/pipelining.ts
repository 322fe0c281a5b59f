import { checkIoredis, checkRedisCli } from '../real-clients.ts';
import { type Arg, encodeCommand, escapeBytes } from '../resp.ts';
import type { Stage } from '../stage.ts';
import { bulk, OK, PONG, PTTL_TOLERANCE_MS } from './replies.ts';

const BIG_VALUE_BYTES = 300 * 1024;
const MANY = 1000;

export const pipelining: Stage = {
  id: 'pipelining',
  title: 'Pipelining, and real clients',
  timeoutMs: 45_000,
  spec: `Clients may send many commands without waiting for replies (pipelining), and TCP may deliver a
command in several pieces or several commands in one piece. Replies must come back in order, one per
command. Every reply is compared with real Redis's reply to the same bytes.

1. 20 to 40 random commands (PING, ECHO, SET, GET, INCR, INCRBY, EXISTS, DEL on a few keys) in one write.
2. ${MANY} commands (SET and GET of ${MANY / 2} keys) in one write: about 40 KB, which arrives in several chunks.
3. Two inline commands in one write: \`PING\\r\\nECHO <word>\\r\\n\`.
4. \`SET <key> <value>\` split over three writes, 50 ms apart (cut inside a length line and inside the value).
5. Half of an \`ECHO <word>\` on connection 1, then a \`PING\` on connection 2 (it must be answered while
   connection 1 stalls), then the rest of the \`ECHO\` on connection 1.
6. A \`PING\` and the first half of an \`ECHO\` in one write, then the other half.
7. \`SET\` and \`GET\` of a ${BIG_VALUE_BYTES / 1024} KiB value.
8. \`MULTI\`, \`SET\`, \`INCR\`, \`EXEC\` in one write.
9. **ioredis** (the Node.js client; default options) connects, runs a pipeline (SET, GET, INCR, INCRBY,
   GET, ECHO), a MULTI transaction with an INCR that fails, \`SET ... PX 100000\`, \`PTTL\` and \`GET\`; the
   results must equal what ioredis gets from real Redis (PTTL within ${PTTL_TOLERANCE_MS} ms). ioredis 6 sends
   \`HELLO 3\` first: reply with an error such as \`-ERR unknown command 'HELLO'\` and it falls back to
   RESP2. It sends \`CLIENT SETINFO\` twice (any reply will do), then \`INFO\`, and waits for a bulk string.
10. **redis-cli**, from your PATH (the tester does not install it): \`SET\`, \`GET\`, \`-n <db> SET/GET\`,
    \`INCRBY\`, \`EXISTS\`, \`ECHO\`, an \`INCR\` that fails, and commands piped on stdin (then redis-cli
    first sends \`COMMAND DOCS\`; any reply will do). The output and exit code must equal what the same
    redis-cli prints against real Redis.`,
  hints: [
    'Keep a receive buffer per connection: append each chunk, then parse and run every complete command in it, in order; keep the incomplete rest for the next chunk. Your parser must say "incomplete, wait for more" wherever a command is cut, even inside "$12\\r\\n".',
    'Run the commands of one chunk one after the other and write their replies in that order (collect them and write once: faster too). Never reply from an async callback that can finish out of order.',
    'For the clients: answer INFO with a bulk string (e.g. "loading:0\\r\\n"), HELLO with "-ERR unknown command \'HELLO\'", and CLIENT and COMMAND DOCS with "+OK" or "*0\\r\\n".',
  ],
  async run(t) {
    await t.startProgram();
    const c = await t.connect();
    const inOrder = 'Replies must come back one per command, in the order the commands were sent.';

    const keys = [t.rng.key(), t.rng.key(), t.rng.key()];
    const counter = t.rng.key('counter');
    const makers: (() => Arg[])[] = [
      () => ['PING'],
      () => ['ECHO', t.rng.value()],
      () => ['SET', t.rng.pick(keys), t.rng.value()],
      () => ['GET', t.rng.pick(keys)],
      () => ['INCR', counter],
      () => ['INCRBY', counter, String(t.rng.int(-50, 50))],
      () => ['EXISTS', t.rng.pick(keys), counter],
      () => ['DEL', t.rng.pick(keys)],
    ];
    const burst = Array.from({ length: t.rng.int(20, 40) }, () => t.rng.pick(makers)());
    await c.pipeline(burst, { hint: inOrder });

    // "many" keeps these apart from the keys t.rng.key() makes ("<word>:<3 digits>").
    const prefix = `${t.rng.word()}:many`;
    const many: Arg[][] = [];
    for (let i = 0; i < MANY / 2; i++) {
      const key = `${prefix}:${i}`;
      many.push(['SET', key, t.rng.value()], ['GET', key]);
    }
    await c.pipeline(many, {
      timeoutMs: 5000,
      hint: `${inOrder} These ${MANY} commands arrive in several chunks: a chunk can end in the middle of a command.`,
    });

    const word = t.rng.word();
    const inline = Buffer.from(`PING\r\nECHO ${word}\r\n`);
    const inlineSent = {
      raw: inline,
      description: `the inline commands ${escapeBytes(inline)} (in one write)`,
    };
    await c.send(inlineSent);
    await c.receive(
      { raw: Buffer.from('PING\r\n'), description: 'the inline PING (first of two in one write)' },
      {
        expect: PONG,
        hint: inOrder,
      },
    );
    await c.receive(
      { raw: Buffer.from(`ECHO ${word}\r\n`), description: 'the inline ECHO (second of two in one write)' },
      {
        expect: bulk(word),
        hint: inOrder,
      },
    );

    const splitKey = t.rng.key();
    const splitArgs = ['SET', splitKey, `${t.rng.word()} ${t.rng.word()} ${t.rng.word()}`];
    const whole = encodeCommand(splitArgs);
    const cuts = [5, whole.length - 5];
    const parts = [whole.subarray(0, cuts[0]), whole.subarray(cuts[0], cuts[1]), whole.subarray(cuts[1])];
    for (const [i, part] of parts.entries()) {
      await c.send({ raw: part, description: `part ${i + 1} of 3 of a SET` }, { allowUnread: true });
      if (i < parts.length - 1) await t.sleep(50);
    }
    await c.receive(
      { command: splitArgs, raw: whole, description: 'SET (sent in 3 pieces, 50 ms apart)' },
      {
        expect: OK,
        hint: 'A command can arrive in pieces: keep the bytes of an incomplete command until the rest arrives.',
      },
    );

    const other = await t.connect();
    const echoWord = t.rng.word();
    const echo = encodeCommand(['ECHO', echoWord]);
    await c.send({ raw: echo.subarray(0, 9), description: 'the first half of an ECHO' });
    await other.call(['PING'], {
      expect: PONG,
      hint: 'Connection 1 sent half a command and stalls: your server must keep serving other connections.',
    });
    await c.send(
      { raw: echo.subarray(9), description: 'the second half of the ECHO' },
      { allowUnread: true },
    );
    await c.receive(
      {
        command: ['ECHO', echoWord],
        raw: echo,
        description: 'ECHO (sent in 2 pieces, with a PING on connection 2 in between)',
      },
      {
        expect: bulk(echoWord),
        hint: "Keep each connection's incomplete bytes in that connection's own buffer.",
      },
    );

    const secondWord = t.rng.word();
    const second = encodeCommand(['ECHO', secondWord]);
    const ping = encodeCommand(['PING']);
    await c.send({
      raw: Buffer.concat([ping, second.subarray(0, 12)]),
      description: 'a PING and half an ECHO (in one write)',
    });
    await c.receive(
      { command: ['PING'], raw: ping },
      {
        expect: PONG,
        hint: 'One chunk can hold a complete command and the start of the next: run the first, keep the rest.',
      },
    );
    await c.send({ raw: second.subarray(12), description: 'the rest of the ECHO' });
    await c.receive({ command: ['ECHO', secondWord], raw: second }, { expect: bulk(secondWord) });

    const bigKey = t.rng.key();
    const big = Buffer.alloc(BIG_VALUE_BYTES);
    for (let i = 0; i < big.length; i++) big[i] = 0x21 + Math.floor(t.rng.next() * 94);
    await c.call(['SET', bigKey, big], {
      expect: OK,
      timeoutMs: 5000,
      hint: 'A large value arrives in many chunks.',
    });
    await c.call(['GET', bigKey], { expect: bulk(big), timeoutMs: 5000 });

    const txKey = t.rng.key();
    const txValue = t.rng.value();
    await c.pipeline([['MULTI'], ['SET', txKey, txValue], ['INCR', counter], ['EXEC']], {
      hint: `${inOrder} MULTI, the queued commands and EXEC may all arrive in one chunk.`,
    });

    await checkIoredis(t);
    await checkRedisCli(t, t.redisCli);
  },
};
