// RESP2 for the tester: encodes commands and parses replies strictly, byte by byte, so a reply that is
// almost right (a missing \r, a length counted in characters) is reported precisely instead of
// being silently accepted the way client libraries do.

export type Reply =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: bigint }
  | { type: 'bulk'; value: Buffer | null }
  | { type: 'array'; value: Reply[] | null };

export type ParseResult =
  | { status: 'complete'; reply: Reply; length: number }
  | { status: 'incomplete' }
  | { status: 'invalid'; reason: string };

export type Arg = string | Buffer;

const CRLF = Buffer.from('\r\n');

/** A command as a RESP array of bulk strings, the way every client sends it. */
export function encodeCommand(args: readonly Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg) : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

/** Encodes a reply; the tester uses it to state what it expects. */
export function encodeReply(reply: Reply): Buffer {
  switch (reply.type) {
    case 'simple':
      return Buffer.from(`+${reply.value}\r\n`);
    case 'error':
      return Buffer.from(`-${reply.value}\r\n`);
    case 'integer':
      return Buffer.from(`:${reply.value}\r\n`);
    case 'bulk':
      if (reply.value === null) return Buffer.from('$-1\r\n');
      return Buffer.concat([Buffer.from(`$${reply.value.length}\r\n`), reply.value, CRLF]);
    case 'array':
      if (reply.value === null) return Buffer.from('*-1\r\n');
      return Buffer.concat([Buffer.from(`*${reply.value.length}\r\n`), ...reply.value.map(encodeReply)]);
  }
}

export const reply = {
  simple: (value: string): Reply => ({ type: 'simple', value }),
  error: (value: string): Reply => ({ type: 'error', value }),
  integer: (value: number | bigint): Reply => ({ type: 'integer', value: BigInt(value) }),
  bulk: (value: Arg | null): Reply => ({
    type: 'bulk',
    value: value === null ? null : typeof value === 'string' ? Buffer.from(value) : value,
  }),
  array: (value: Reply[] | null): Reply => ({ type: 'array', value }),
};

/** What a reply's first byte says it is, in words a learner recognises. */
export function describeType(r: Reply): string {
  switch (r.type) {
    case 'simple':
      return 'a simple string (+)';
    case 'error':
      return 'an error (-)';
    case 'integer':
      return 'an integer (:)';
    case 'bulk':
      return r.value === null ? 'the null bulk string ($-1)' : 'a bulk string ($)';
    case 'array':
      return r.value === null ? 'the null array (*-1)' : 'an array (*)';
  }
}

const TYPE_BYTES = '+-:$*';
// Redis refuses bulk strings over 512 MB; a larger prefix is a bug, not a big value.
const MAX_BULK = 512 * 1024 * 1024;

type Line =
  | { status: 'line'; text: string; next: number }
  | { status: 'incomplete' }
  | { status: 'invalid'; reason: string };

function readLine(buf: Buffer, start: number): Line {
  const lf = buf.indexOf(0x0a, start);
  if (lf === -1) {
    return { status: 'incomplete' };
  }
  if (lf === start || buf[lf - 1] !== 0x0d) {
    return { status: 'invalid', reason: 'a line ends with "\\n" alone; RESP lines end with "\\r\\n"' };
  }
  const cr = buf.indexOf(0x0d, start);
  if (cr !== lf - 1) {
    return {
      status: 'invalid',
      reason: 'a line contains "\\r" before its end; RESP lines end with "\\r\\n"',
    };
  }
  return { status: 'line', text: buf.toString('latin1', start, lf - 1), next: lf + 1 };
}

const INTEGER = /^-?\d+$/;

function parseAt(
  buf: Buffer,
  start: number,
): { status: 'complete'; reply: Reply; next: number } | Exclude<ParseResult, { status: 'complete' }> {
  if (start >= buf.length) return { status: 'incomplete' };
  const first = String.fromCharCode(buf[start] ?? 0);
  if (!TYPE_BYTES.includes(first)) {
    return {
      status: 'invalid',
      reason: `a RESP2 reply starts with one of + - : $ *, this one starts with ${escapeBytes(buf.subarray(start, start + 1))}`,
    };
  }
  const line = readLine(buf, start + 1);
  if (line.status !== 'line') return line;
  // Simple strings and errors are text; everything else is a number on the line.
  const text = Buffer.from(line.text, 'latin1').toString('utf8');
  if (first === '+') return { status: 'complete', reply: { type: 'simple', value: text }, next: line.next };
  if (first === '-') return { status: 'complete', reply: { type: 'error', value: text }, next: line.next };
  if (!INTEGER.test(line.text)) {
    return {
      status: 'invalid',
      reason: `"${first}" must be followed by an integer, found ${escapeBytes(Buffer.from(line.text, 'latin1'))}`,
    };
  }
  const n = BigInt(line.text);
  if (first === ':') return { status: 'complete', reply: { type: 'integer', value: n }, next: line.next };
  if (first === '$') {
    if (n === -1n) return { status: 'complete', reply: { type: 'bulk', value: null }, next: line.next };
    if (n < 0n || n > BigInt(MAX_BULK)) {
      return {
        status: 'invalid',
        reason: `a bulk string length must be -1 (null) or 0 to 512 MB, found ${n}`,
      };
    }
    const length = Number(n);
    const end = line.next + length;
    if (buf.length < end + 2) {
      // Wrong terminators are visible before the whole length has arrived only if a CRLF shows up
      // early; waiting is the honest answer, and the timeout message shows the partial bytes.
      return { status: 'incomplete' };
    }
    if (buf[end] !== 0x0d || buf[end + 1] !== 0x0a) {
      return {
        status: 'invalid',
        reason:
          `after "$${length}\\r\\n" and ${length} bytes of data a bulk string ends with "\\r\\n", ` +
          `found ${escapeBytes(buf.subarray(end, end + 2))}: the length must count bytes (UTF-8), not characters`,
      };
    }
    return {
      status: 'complete',
      reply: { type: 'bulk', value: Buffer.from(buf.subarray(line.next, end)) },
      next: end + 2,
    };
  }
  if (n === -1n) return { status: 'complete', reply: { type: 'array', value: null }, next: line.next };
  if (n < 0n) return { status: 'invalid', reason: `an array length must be -1 (null) or more, found ${n}` };
  const items: Reply[] = [];
  let next = line.next;
  for (let i = 0n; i < n; i++) {
    const item = parseAt(buf, next);
    if (item.status !== 'complete') {
      return item.status === 'invalid'
        ? { status: 'invalid', reason: `in element ${i + 1n} of an array: ${item.reason}` }
        : item;
    }
    items.push(item.reply);
    next = item.next;
  }
  return { status: 'complete', reply: { type: 'array', value: items }, next };
}

/** Parses one reply from the start of `buf`. */
export function parseReply(buf: Buffer): ParseResult {
  const result = parseAt(buf, 0);
  if (result.status !== 'complete') return result;
  return { status: 'complete', reply: result.reply, length: result.next };
}

const PRINTABLE_MIN = 0x20;
const PRINTABLE_MAX = 0x7e;

/**
 * Bytes as a double-quoted string a learner can read: printable ASCII as is, \r \n \t \" \\, and \xHH
 * for everything else. Long input keeps its head and tail.
 */
export function escapeBytes(bytes: Buffer, maxBytes = 240): string {
  const render = (b: Buffer): string => {
    let out = '';
    for (const byte of b) {
      if (byte === 0x0d) out += '\\r';
      else if (byte === 0x0a) out += '\\n';
      else if (byte === 0x09) out += '\\t';
      else if (byte === 0x22) out += '\\"';
      else if (byte === 0x5c) out += '\\\\';
      else if (byte >= PRINTABLE_MIN && byte <= PRINTABLE_MAX) out += String.fromCharCode(byte);
      else out += `\\x${byte.toString(16).padStart(2, '0')}`;
    }
    return out;
  };
  if (bytes.length <= maxBytes) return `"${render(bytes)}"`;
  const tail = Math.floor(maxBytes / 4);
  const head = maxBytes - tail;
  const skipped = bytes.length - head - tail;
  return `"${render(bytes.subarray(0, head))}" ... (${skipped} more bytes) ... "${render(bytes.subarray(bytes.length - tail))}"`;
}

/** True when redis-cli would have to quote this argument: empty, whitespace, quotes, backslash or a non-printable byte. */
export function needsQuotes(bytes: Buffer): boolean {
  if (bytes.length === 0) return true;
  for (const byte of bytes) {
    if (byte <= 0x20 || byte > PRINTABLE_MAX || byte === 0x22 || byte === 0x27 || byte === 0x5c) return true;
  }
  return false;
}

/** One argument as redis-cli shows it: bare when it can be, otherwise double-quoted with escapes. */
export function quoteArg(arg: Arg): string {
  const bytes = typeof arg === 'string' ? Buffer.from(arg) : arg;
  return needsQuotes(bytes) ? escapeBytes(bytes, Number.POSITIVE_INFINITY) : bytes.toString('latin1');
}

/** A command the way you would type it into redis-cli; long arguments are shortened. */
export function formatCommand(args: readonly Arg[], maxArgBytes = 80): string {
  return args
    .map((arg) => {
      const bytes = typeof arg === 'string' ? Buffer.from(arg) : arg;
      if (bytes.length <= maxArgBytes) return quoteArg(bytes);
      return `${escapeBytes(bytes, maxArgBytes)}`;
    })
    .join(' ');
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

const isSpace = (byte: number | undefined): boolean =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0b || byte === 0x0c;

/**
 * Splits a line into arguments exactly as redis-cli does (Redis's sdssplitargs): bare words, or
 * "double-quoted" with \" \\ \n \r \t \a \b \xHH escapes, or 'single-quoted' with only \'.
 * Returns null for unbalanced quotes or a closing quote not followed by a space.
 */
export function splitArgs(line: Buffer): Buffer[] | null {
  const args: Buffer[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && isSpace(line[i])) i++;
    if (i >= line.length) return args;
    const current: number[] = [];
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const byte = line[i];
      if (inDouble) {
        if (byte === undefined) return null;
        const n1 = line[i + 1];
        const n2 = line[i + 2];
        const n3 = line[i + 3];
        if (
          byte === 0x5c &&
          n1 === 0x78 &&
          n2 !== undefined &&
          n3 !== undefined &&
          hexValue(n2) >= 0 &&
          hexValue(n3) >= 0
        ) {
          current.push(hexValue(n2) * 16 + hexValue(n3));
          i += 3;
        } else if (byte === 0x5c && n1 !== undefined) {
          const escapes: Record<number, number> = { 110: 0x0a, 114: 0x0d, 116: 0x09, 98: 0x08, 97: 0x07 };
          current.push(escapes[n1] ?? n1);
          i += 1;
        } else if (byte === 0x22) {
          if (i + 1 < line.length && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          current.push(byte);
        }
      } else if (inSingle) {
        if (byte === undefined) return null;
        if (byte === 0x5c && line[i + 1] === 0x27) {
          current.push(0x27);
          i += 1;
        } else if (byte === 0x27) {
          if (i + 1 < line.length && !isSpace(line[i + 1])) return null;
          done = true;
        } else {
          current.push(byte);
        }
      } else if (byte === undefined || isSpace(byte)) {
        done = true;
      } else if (byte === 0x22) {
        inDouble = true;
      } else if (byte === 0x27) {
        inSingle = true;
      } else {
        current.push(byte);
      }
      if (i < line.length) i++;
    }
    args.push(Buffer.from(current));
  }
}
