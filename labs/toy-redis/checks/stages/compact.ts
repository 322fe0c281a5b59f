import { StageFailure } from '../failure.ts';
import type { Session } from '../harness.ts';
import {
  type Arg,
  describeType,
  encodeReply,
  escapeBytes,
  quoteArg,
  type Reply,
  splitArgs,
} from '../resp.ts';
import type { Stage } from '../stage.ts';
import { array, bulk, int, NIL, OK, PTTL_TOLERANCE_MS } from './replies.ts';

const LONG_PX = 100_000;
const SHORT_PX = 200;

export interface LiveKey {
  value: Buffer;
  /** Set for keys with an expiry: when the SET was sent, and its PX. */
  expiry?: { sentAt: number; px: number };
}

function canonicalLine(key: Buffer, live: LiveKey, px?: string): string {
  return `SET ${quoteArg(key)} ${quoteArg(live.value)}${live.expiry ? ` PX ${px ?? `<about ${live.expiry.px}>`}` : ''}`;
}

function expectedListing(expected: Map<string, LiveKey>): string {
  const keys = [...expected.keys()].map((k) => Buffer.from(k, 'latin1')).sort(Buffer.compare);
  if (keys.length === 0) return '  (no lines: an empty array "*0\\r\\n")';
  return keys
    .map((key) => {
      const live = expected.get(key.toString('latin1'));
      return live ? `  ${canonicalLine(key, live)}` : '';
    })
    .join('\n');
}

function yourListing(lines: Buffer[]): string {
  if (lines.length === 0) return '  (no lines)';
  return lines.map((line) => `  ${escapeBytes(line, 160)}`).join('\n');
}

interface Problem {
  problem: string;
  /** The learner's lines, when the reply could be read as lines. */
  lines?: Buffer[];
  hint?: string;
}

const problem = (text: string, lines: Buffer[] | undefined, hint?: string): Problem => ({
  problem: text,
  ...(lines ? { lines } : {}),
  ...(hint ? { hint } : {}),
});

/**
 * Checks a COMPACT reply against the keys the stage knows are live; throws a StageFailure that shows
 * both listings and names the first problem.
 */
export function verifyCompact(
  result: Reply,
  expected: Map<string, LiveKey>,
  receivedAt: number,
  where: string,
): void {
  const found = compactProblem(result, expected, receivedAt);
  if (!found) return;
  const parts = [
    `COMPACT's reply is not right (${where}): ${found.problem}`,
    '  expected lines (sorted by key; Redis-style quoting shown, any redis-cli quoting is accepted):',
    expectedListing(expected),
  ];
  if (found.lines) parts.push('  your lines:', yourListing(found.lines));
  throw new StageFailure(parts.join('\n'), found.hint ? [found.hint] : []);
}

/** The first thing wrong with a COMPACT reply, or undefined. */
export function compactProblem(
  result: Reply,
  expected: Map<string, LiveKey>,
  receivedAt: number,
): Problem | undefined {
  if (result.type !== 'array' || result.value === null) {
    return problem(
      `it must be an array of bulk strings, one per live key; yours is ${describeType(result)}: ${escapeBytes(encodeReply(result))}.`,
      undefined,
      'Reply "*<number of lines>\\r\\n" followed by one bulk string per line.',
    );
  }
  const lines: Buffer[] = [];
  for (const [i, item] of result.value.entries()) {
    if (item.type !== 'bulk' || item.value === null) {
      return problem(
        `element ${i + 1} is not a bulk string.`,
        undefined,
        'Each line is a bulk string: "$<length>\\r\\n<line>\\r\\n".',
      );
    }
    lines.push(item.value);
  }
  const seen = new Map<string, number>();
  let previous: Buffer | undefined;
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const args = splitArgs(line);
    if (args === null) {
      return problem(
        `line ${n} cannot be read the way redis-cli reads a line (a quote without its closing quote, or a closing quote followed by a letter).`,
        lines,
        'Write a key or value that contains a space, a quote, a backslash or a non-printable byte in double quotes, with \\" \\\\ \\n \\r \\t \\xHH escapes.',
      );
    }
    const [command, key, value, option, px] = args;
    if (
      command?.toString('latin1') !== 'SET' ||
      key === undefined ||
      value === undefined ||
      (args.length !== 3 && args.length !== 5)
    ) {
      return problem(
        `line ${n} should read SET <key> <value> or SET <key> <value> PX <milliseconds>; it has ${args.length} words: ${args.map((a) => quoteArg(a)).join(' ')}.`,
        lines,
        args.length > 5 || args.length === 4
          ? 'A key or value with spaces in it must be written in double quotes, or it reads as several words.'
          : undefined,
      );
    }
    const keyText = key.toString('latin1');
    if (seen.has(keyText))
      return problem(`key ${quoteArg(key)} has two lines (${seen.get(keyText)} and ${n}).`, lines);
    seen.set(keyText, n);
    if (previous && Buffer.compare(previous, key) >= 0) {
      return problem(
        `the lines are not sorted by key: ${quoteArg(previous)} comes before ${quoteArg(key)}.`,
        lines,
        'Sort the keys (byte order, like Buffer.compare) before writing the lines.',
      );
    }
    previous = key;
    const live = expected.get(keyText);
    if (!live) {
      return problem(
        `line ${n} sets ${quoteArg(key)}, which is not a live key of this database (deleted, expired, never set, or in another database).`,
        lines,
        "COMPACT lists only the keys of the connection's current database that exist now: skip deleted and expired keys.",
      );
    }
    if (!value.equals(live.value)) {
      return problem(
        `line ${n} gives ${quoteArg(key)} the value ${quoteArg(value)}; its value is ${quoteArg(live.value)}.`,
        lines,
      );
    }
    if (!live.expiry && args.length === 5) {
      return problem(`line ${n} gives ${quoteArg(key)} an expiry, but it has none.`, lines);
    }
    if (live.expiry) {
      if (args.length !== 5 || option?.toString('latin1') !== 'PX' || px === undefined) {
        return problem(
          `line ${n} has no " PX <milliseconds>" for ${quoteArg(key)}, which expires in about ${Math.round(live.expiry.px / 1000)} s.`,
          lines,
          'Append " PX <milliseconds left>" to the line of a key that has an expiry.',
        );
      }
      const text = px.toString('latin1');
      const ms = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      const lowest = live.expiry.px - (receivedAt - live.expiry.sentAt) - PTTL_TOLERANCE_MS;
      if (!(ms > 0 && ms <= live.expiry.px && ms >= lowest)) {
        return problem(
          `line ${n} gives ${quoteArg(key)} PX ${text}; it was set with PX ${live.expiry.px} ${receivedAt - live.expiry.sentAt} ms earlier, ` +
            `so its remaining time is between ${Math.max(1, lowest)} and ${live.expiry.px} ms.`,
          lines,
          'Write the milliseconds left (deadline - now), not the original PX and not an absolute time.',
        );
      }
    }
  }
  for (const key of expected.keys()) {
    if (!seen.has(key)) {
      return problem(
        `there is no line for the live key ${quoteArg(Buffer.from(key, 'latin1'))}.`,
        lines,
        'COMPACT lists every live key of the current database.',
      );
    }
  }
  return undefined;
}

export const compact: Stage = {
  id: 'compact',
  title: 'COMPACT: the data as a minimal list of SET commands',
  timeoutMs: 20_000,
  spec: `\`COMPACT\` is this exercise's own command (real Redis does not have it, so its replies are checked
by rule, not compared). It replies with an array of bulk strings, one per live key of the
connection's current database, each a command line that recreates the key:
\`SET <key> <value>\`, followed by \` PX <milliseconds left>\` when the key has an expiry. Lines are sorted
by key (byte order). A key or value that is empty or contains whitespace, a quote, a backslash or a
non-printable byte is written double-quoted with redis-cli escapes (\`\\"\` \`\\\\\` \`\\n\` \`\\r\` \`\\t\` \`\\xHH\`).
Lines are read back the way redis-cli reads a typed line, so any quoting redis-cli understands passes.

On connection 1, database 0, the tester sets: a plain value; a value with spaces; a value with a
double quote and a backslash; a value with a newline, a tab and a \`\\x01\` byte; a value with non-ASCII
letters; a key containing a space; a counter INCR'd three times; a key SET twice (the last value
counts); a key then DELeted; a key with \`PX ${LONG_PX}\`; a key with \`PX ${SHORT_PX}\` (it waits for that one
to expire); a key set with \`EX 100\` and then SET again without options. In a random database n
(1-15) it sets one more key. Every one of these commands is also checked against real Redis.

1. \`COMPACT\` in database 0: expects exactly one line per live key of database 0 (not the deleted, not
   the expired, not the one in n), with the right value; \` PX <ms>\` only on the \`PX ${LONG_PX}\` key,
   with ms no more than ${LONG_PX} and no less than the time really left (${PTTL_TOLERANCE_MS} ms tolerance).
2. \`GET\` of every key afterwards: COMPACT changes nothing.
3. \`SELECT <n>\`, \`COMPACT\`: expects the one line of database n. \`SELECT <empty database>\`,
   \`COMPACT\`: expects \`*0\\r\\n\`.`,
  hints: [
    'Walk the current database\'s map, skip expired keys, sort the keys, and build one "SET key value" string per key; reply with them as an array of bulk strings.',
    'Quote a key or value when it is empty or has a byte that is a space, a quote or backslash, below 0x21 or above 0x7e: wrap it in double quotes and escape \\" \\\\ \\n \\r \\t, and any other such byte as \\xHH (two hex digits).',
    'For a key with an expiry, append " PX " + (deadline - Date.now()): the time left, so that replaying the lines later gives the same deadline.',
  ],
  async run(t) {
    await t.startProgram();
    const c: Session = await t.connect();
    const expected = new Map<string, LiveKey>();
    const setKey = async (key: string, value: Arg, extra: string[] = []) => {
      const sentAt = Date.now();
      await c.call(['SET', key, value, ...extra], { expect: OK });
      return sentAt;
    };
    const remember = (key: string, value: Arg, expiry?: LiveKey['expiry']) => {
      expected.set(Buffer.from(key).toString('latin1'), {
        value: typeof value === 'string' ? Buffer.from(value) : value,
        ...(expiry ? { expiry } : {}),
      });
    };
    const plain = t.rng.key();
    const plainValue = t.rng.word();
    await setKey(plain, plainValue);
    remember(plain, plainValue);
    const spaced = t.rng.key();
    const spacedValue = `${t.rng.word()} ${t.rng.word()}`;
    await setKey(spaced, spacedValue);
    remember(spaced, spacedValue);
    const quoted = t.rng.key();
    const quotedValue = `say "${t.rng.word()}" \\ ${t.rng.word()}`;
    await setKey(quoted, quotedValue);
    remember(quoted, quotedValue);
    const control = t.rng.key();
    const controlValue = Buffer.from(`${t.rng.word()}\n${t.rng.word()}\t\x01`, 'latin1');
    await setKey(control, controlValue);
    remember(control, controlValue);
    const unicode = t.rng.key();
    const unicodeValue = t.rng.unicodeWord();
    await setKey(unicode, unicodeValue);
    remember(unicode, unicodeValue);
    const spacedKey = `${t.rng.word()} ${t.rng.key()}`;
    const spacedKeyValue = t.rng.word();
    await setKey(spacedKey, spacedKeyValue);
    remember(spacedKey, spacedKeyValue);
    const counter = t.rng.key('counter');
    for (let i = 1; i <= 3; i++) await c.call(['INCR', counter], { expect: int(i) });
    remember(counter, '3');
    const twice = t.rng.key();
    await setKey(twice, t.rng.word());
    const secondValue = t.rng.word();
    await setKey(twice, secondValue);
    remember(twice, secondValue);
    const deleted = t.rng.key();
    await setKey(deleted, t.rng.word());
    await c.call(['DEL', deleted], { expect: int(1) });
    const expiring = t.rng.key();
    const expiringValue = t.rng.word();
    const expiringSentAt = await setKey(expiring, expiringValue, ['PX', String(LONG_PX)]);
    remember(expiring, expiringValue, { sentAt: expiringSentAt, px: LONG_PX });
    const shortLived = t.rng.key();
    const shortSentAt = await setKey(shortLived, t.rng.word(), ['PX', String(SHORT_PX)]);
    // The server set the deadline before this reply was read: SHORT_PX after it, the key is gone
    // everywhere, however long a busy machine took to answer the SET.
    const shortRepliedAt = Date.now();
    const cleared = t.rng.key();
    await setKey(cleared, t.rng.word(), ['EX', '100']);
    const clearedValue = t.rng.word();
    await setKey(cleared, clearedValue);
    remember(cleared, clearedValue);
    const [n, empty] = t.rng.shuffle(Array.from({ length: 15 }, (_, i) => i + 1));
    if (n === undefined || empty === undefined) throw new Error('two databases');
    const elsewhere = t.rng.key();
    const elsewhereValue = t.rng.word();
    await c.call(['SELECT', String(n)], { expect: OK });
    await setKey(elsewhere, elsewhereValue);
    await c.call(['SELECT', '0'], { expect: OK });
    await t.sleep(
      Math.max(0, shortSentAt + SHORT_PX * 2 - Date.now(), shortRepliedAt + SHORT_PX + 20 - Date.now()),
    );
    await c.call(['EXISTS', shortLived], { expect: int(0) });

    const result = await c.call(['COMPACT'], {
      learnerOnly: true,
      hint: 'COMPACT replies with an array of bulk strings.',
    });
    verifyCompact(result, expected, Date.now(), 'database 0');
    for (const [key, live] of expected) {
      await c.call(['GET', Buffer.from(key, 'latin1')], {
        expect: bulk(live.value),
        hint: 'COMPACT must not change the data.',
      });
    }
    await c.call(['GET', deleted], { expect: NIL });

    await c.call(['SELECT', String(n)], { expect: OK });
    const other = new Map<string, LiveKey>([[elsewhere, { value: Buffer.from(elsewhereValue) }]]);
    verifyCompact(await c.call(['COMPACT'], { learnerOnly: true }), other, Date.now(), `database ${n}`);
    await c.call(['SELECT', String(empty)], { expect: OK });
    await c.call(['COMPACT'], {
      learnerOnly: true,
      expect: array([]),
      hint: 'COMPACT in a database without keys replies with an empty array "*0\\r\\n".',
    });
  },
};
