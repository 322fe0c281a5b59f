// RESP2 replies as one-byte strings, written to the socket as 'latin1' text. Fixed replies are
// constants and small lengths and integers come from tables, so the common replies allocate nothing.

export const OK = '+OK\r\n';
export const PONG = '+PONG\r\n';
export const QUEUED = '+QUEUED\r\n';
export const NULL_BULK = '$-1\r\n';
export const EMPTY_ARRAY = '*0\r\n';

const SMALL = 1024;
const bulkHeaders = Array.from({ length: SMALL }, (_, length) => `$${length}\r\n`);
const smallIntegers = Array.from({ length: SMALL }, (_, value) => `:${value}\r\n`);

export function bulk(text: string): string {
  const header = text.length < SMALL ? (bulkHeaders[text.length] as string) : `$${text.length}\r\n`;
  return `${header}${text}\r\n`;
}

export function integer(value: number | bigint): string {
  if (typeof value === 'number' && value >= 0 && value < SMALL) return smallIntegers[value] as string;
  return `:${value}\r\n`;
}

export function arrayHeader(length: number): string {
  return `*${length}\r\n`;
}

/** An error reply; `message` starts with its code (ERR, EXECABORT, ...). */
export function error(message: string): string {
  return `-${message}\r\n`;
}

export function bulkArray(items: string[]): string {
  let reply = arrayHeader(items.length);
  for (const item of items) reply += bulk(item);
  return reply;
}
