import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/O, 1/I/L: a code read off a projector is typed without guessing.
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh join code such as `K7QX-M4PN` (8 characters, about 40 bits). */
export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Codes compare without case, spaces or dashes: `k7qx m4pn` is `K7QX-M4PN`. */
export function normalizeJoinCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Throws unless `code` can serve as a join code (4-64 letters and digits once normalized). */
export function assertJoinCode(code: string): void {
  if (!/^[A-Z0-9]{4,64}$/.test(normalizeJoinCode(code)))
    throw new Error('a join code must be 4 to 64 letters and digits (dashes and spaces are ignored)');
}

function digest(code: string): Buffer {
  return createHash('sha256').update(normalizeJoinCode(code)).digest();
}

/** Constant-time comparison of a presented code with the board's. */
export function joinCodeMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
