// Redis's integer rules (string2ll in util.c): optional '-', no '+', no leading zeros, no spaces,
// at most 20 characters, and the value must fit a signed 64-bit integer. Results are plain numbers
// while they are safe integers and bigints beyond that, so the common case never touches BigInt.

export type Int64 = number | bigint;

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

const LONG_STR_SIZE = 21;
// 15 digits always fit a double exactly; longer numbers are finished in BigInt.
const SAFE_DIGITS = 15;

function finish(negative: boolean, value: Int64): Int64 | undefined {
  if (typeof value === 'number') return negative ? -value : value;
  const signed = negative ? -value : value;
  if (signed > INT64_MAX || signed < INT64_MIN) return undefined;
  return normalize(signed);
}

/** A bigint that fits a safe integer becomes a number, so equal values have one representation. */
export function normalize(value: bigint): Int64 {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

/** Parses bytes [start, end) of `bytes`; undefined when Redis would not accept them as an integer. */
export function parseInt64Bytes(bytes: Uint8Array, start: number, end: number): Int64 | undefined {
  const length = end - start;
  if (length === 0 || length >= LONG_STR_SIZE) return undefined;
  if (length === 1 && bytes[start] === 48) return 0;
  let i = start;
  const negative = bytes[i] === 45;
  if (negative && ++i === end) return undefined;
  const first = bytes[i] as number;
  if (first < 49 || first > 57) return undefined;
  let value = first - 48;
  i++;
  const safeEnd = Math.min(end, i + SAFE_DIGITS - 1);
  for (; i < safeEnd; i++) {
    const digit = (bytes[i] as number) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  if (i === end) return negative ? -value : value;
  let big = BigInt(value);
  for (; i < end; i++) {
    const digit = (bytes[i] as number) - 48;
    if (digit < 0 || digit > 9) return undefined;
    big = big * 10n + BigInt(digit);
  }
  return finish(negative, big);
}

/** The same rules for a value held as a one-byte ('latin1') string. */
export function parseInt64String(text: string): Int64 | undefined {
  const length = text.length;
  if (length === 0 || length >= LONG_STR_SIZE) return undefined;
  if (length === 1 && text.charCodeAt(0) === 48) return 0;
  let i = 0;
  const negative = text.charCodeAt(0) === 45;
  if (negative && ++i === length) return undefined;
  const first = text.charCodeAt(i);
  if (first < 49 || first > 57) return undefined;
  let value = first - 48;
  i++;
  const safeEnd = Math.min(length, i + SAFE_DIGITS - 1);
  for (; i < safeEnd; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  if (i === length) return negative ? -value : value;
  let big = BigInt(value);
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    big = big * 10n + BigInt(digit);
  }
  return finish(negative, big);
}

/** a + b, or undefined when the sum leaves the signed 64-bit range (Redis refuses to wrap). */
export function addInt64(a: Int64, b: Int64): Int64 | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  const sum = BigInt(a) + BigInt(b);
  if (sum > INT64_MAX || sum < INT64_MIN) return undefined;
  return normalize(sum);
}
