// Splits an inline request line (what `nc` and telnet users type) into arguments exactly like Redis's
// sdssplitargs: blanks separate words, "double quotes" take \n \r \t \b \a \xHH and \<any> escapes,
// 'single quotes' take only \', and a closing quote must be followed by a blank or the line's end.

import type { RequestArgs } from './request-args.ts';

const SPACE = 32;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;

// C's isspace: skipped between words.
function isSpace(byte: number): boolean {
  return byte === SPACE || (byte >= 9 && byte <= 13);
}

// The bytes that end an unquoted word (a narrower set than isspace: \v and \f stay in the word).
function endsWord(byte: number): boolean {
  return byte === SPACE || byte === 10 || byte === 13 || byte === 9;
}

function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 97 && byte <= 102) return byte - 87;
  if (byte >= 65 && byte <= 70) return byte - 55;
  return -1;
}

function unescaped(byte: number): number {
  switch (byte) {
    case 110:
      return 10;
    case 114:
      return 13;
    case 116:
      return 9;
    case 98:
      return 8;
    case 97:
      return 7;
    default:
      return byte;
  }
}

/**
 * Splits line bytes [start, end) of `source` into `args`. Words without quotes point into `source`;
 * a line with quotes is unescaped into `scratch` (at least end - start bytes long).
 * Returns false for unbalanced quotes, Redis's "Protocol error: unbalanced quotes in request".
 */
export function splitInlineArgs(
  source: Buffer,
  start: number,
  end: number,
  args: RequestArgs,
  scratch: Buffer,
): boolean {
  args.buf = source;
  args.count = 0;
  let p = start;
  for (;;) {
    while (p < end && isSpace(source[p] as number)) p++;
    if (p >= end) return true;
    const wordStart = p;
    while (p < end && !endsWord(source[p] as number)) {
      const byte = source[p] as number;
      if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE)
        return splitQuoted(source, start, end, args, scratch);
      p++;
    }
    args.push(wordStart, p);
  }
}

function splitQuoted(
  source: Buffer,
  start: number,
  end: number,
  args: RequestArgs,
  scratch: Buffer,
): boolean {
  args.buf = scratch;
  args.count = 0;
  let out = 0;
  let p = start;
  for (;;) {
    while (p < end && isSpace(source[p] as number)) p++;
    if (p >= end) return true;
    const wordStart = out;
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const atEnd = p >= end;
      const byte = atEnd ? 0 : (source[p] as number);
      if (inDouble) {
        if (atEnd) return false;
        if (
          byte === BACKSLASH &&
          p + 3 < end &&
          source[p + 1] === 120 &&
          hexValue(source[p + 2] as number) >= 0 &&
          hexValue(source[p + 3] as number) >= 0
        ) {
          scratch[out++] = hexValue(source[p + 2] as number) * 16 + hexValue(source[p + 3] as number);
          p += 3;
        } else if (byte === BACKSLASH && p + 1 < end) {
          p++;
          scratch[out++] = unescaped(source[p] as number);
        } else if (byte === DOUBLE_QUOTE) {
          if (p + 1 < end && !isSpace(source[p + 1] as number)) return false;
          done = true;
        } else {
          scratch[out++] = byte;
        }
      } else if (inSingle) {
        if (atEnd) return false;
        if (byte === BACKSLASH && p + 1 < end && source[p + 1] === SINGLE_QUOTE) {
          p++;
          scratch[out++] = SINGLE_QUOTE;
        } else if (byte === SINGLE_QUOTE) {
          if (p + 1 < end && !isSpace(source[p + 1] as number)) return false;
          done = true;
        } else {
          scratch[out++] = byte;
        }
      } else if (atEnd || endsWord(byte)) {
        done = true;
      } else if (byte === DOUBLE_QUOTE) {
        inDouble = true;
      } else if (byte === SINGLE_QUOTE) {
        inSingle = true;
      } else {
        scratch[out++] = byte;
      }
      if (!atEnd) p++;
    }
    args.push(wordStart, out);
  }
}
