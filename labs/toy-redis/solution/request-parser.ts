// Reads RESP2 requests (multibulk arrays) and inline requests from a byte stream, following Redis
// 7.0's networking.c rule for rule, including its error texts and its quirks:
//  - a count line ends at the first '\r' (a NUL byte before it hides it, as strchr does) and the byte
//    after that '\r' is skipped unchecked; the two bytes after a bulk's data are skipped unchecked too;
//  - `*0` and negative counts are ignored; counts above INT_MAX and bulk lengths above 512 MB are
//    protocol errors; a count line, bulk length line or inline line without a newline may grow to
//    64 KB before it is an error. An inline line over 64 KB is an error even once its newline is in:
//    whether Redis accepts one depends on how its reads happen to split it, and the cap stays firm.
// Parsing happens in the incoming chunk itself; only an unfinished request's bytes are copied aside,
// into a buffer sized for what the request is known to need, so a large value arrives in linear time.

import { splitInlineArgs } from './inline-args.ts';
import { parseInt64Bytes } from './int64.ts';
import { RequestArgs } from './request-args.ts';

const PROTO_INLINE_MAX_SIZE = 64 * 1024;
const PROTO_MAX_BULK_LEN = 512 * 1024 * 1024;
const INT_MAX = 2147483647;
/** Redis's client-query-buffer-limit: a client holding more unparsed bytes than this is dropped. */
export const QUERY_BUFFER_LIMIT = 1024 * 1024 * 1024;

/** Called for each complete request; `args` is only valid during the call. Return false to stop reading. */
export type RequestHandler = (args: RequestArgs) => boolean;

/** How a feed ended: the connection continues, or must close (after a protocol error reply, or at once). */
export type FeedResult =
  | { kind: 'more' }
  | { kind: 'stopped' }
  | { kind: 'protocol-error'; message: string }
  | { kind: 'query-buffer-limit' };

const MORE: FeedResult = { kind: 'more' };
const STOPPED: FeedResult = { kind: 'stopped' };
const LIMIT: FeedResult = { kind: 'query-buffer-limit' };

function protocolError(message: string): FeedResult {
  return { kind: 'protocol-error', message: `ERR Protocol error: ${message}` };
}

const NO_LINE = -1;

/**
 * Room for `required` bytes, doubling `current` so copying stays linear, but never reserving more than
 * a bulk length announced in advance (`known`) asks for: a client cannot make the server allocate
 * 512 MB by sending `$536870912` and then nothing.
 */
function nextCapacity(required: number, current: number, known: number): number {
  const doubled = Math.min(Math.max(required, 2 * current, 1024), QUERY_BUFFER_LIMIT);
  return known > required ? Math.min(doubled, known) : Math.max(doubled, required);
}

export class RequestParser {
  private readonly args = new RequestArgs();
  private scratch = Buffer.allocUnsafe(1024);
  /** Bytes of an unfinished request, copied out of earlier chunks, in pending[0, pendingLength). */
  private pending: Buffer | null = null;
  private pendingLength = 0;
  /** Where parsing resumes inside `pending`. */
  private resumeAt = 0;
  /** Bulk strings still to read for the current multibulk request (0: at a request boundary). */
  private bulksLeft = 0;
  /** Length of the bulk being read, or -1 while its `$<len>` line is still to come. */
  private bulkLength = -1;
  /** First NUL byte at or after some position of the current buffer (Redis's strchr stops there). */
  private nulAt = -1;

  /** Bytes held for a request that has not arrived completely. */
  get unfinishedBytes(): number {
    return this.pendingLength;
  }

  /** Parses bytes [0, length) of `chunk`, which the parser does not keep: it may be reused afterwards. */
  feed(chunk: Buffer, onRequest: RequestHandler, length = chunk.length): FeedResult {
    try {
      return this.parse(chunk, length, onRequest);
    } finally {
      // Requests of the next chunk must not read this one's text (pending is reused and moved).
      this.args.startChunk(undefined);
    }
  }

  private parse(chunk: Buffer, chunkLength: number, onRequest: RequestHandler): FeedResult {
    const args = this.args;
    let work: Buffer;
    let length: number;
    let pos: number;
    if (this.pendingLength === 0) {
      work = chunk;
      length = chunkLength;
      pos = 0;
    } else {
      if (!this.append(chunk, chunkLength)) return LIMIT;
      work = this.pending as Buffer;
      length = this.pendingLength;
      pos = this.resumeAt;
      if (this.bulksLeft > 0) args.buf = work;
    }
    args.startChunk(work, length);
    this.nulAt = -1;

    // The unfinished request kept by keepUnfinished always starts at offset 0 of `pending`.
    let requestStart = 0;
    while (pos < length) {
      if (this.bulksLeft === 0) {
        requestStart = pos;
        if (work[pos] !== 42) {
          const newline = this.findInlineNewline(work, pos, length);
          if (newline === NO_LINE) {
            if (length - pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big inline request');
            break;
          }
          if (newline - pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big inline request');
          const lineEnd = newline > pos && work[newline - 1] === 13 ? newline - 1 : newline;
          if (this.scratch.length < lineEnd - pos) this.scratch = Buffer.allocUnsafe(2 * (lineEnd - pos));
          if (!splitInlineArgs(work, pos, lineEnd, args, this.scratch)) {
            return protocolError('unbalanced quotes in request');
          }
          pos = newline + 1;
          if (args.count > 0 && !onRequest(args)) return STOPPED;
          continue;
        }
        const lineEnd = this.findCarriageReturn(work, pos, length);
        if (lineEnd === NO_LINE) {
          if (length - pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big mbulk count string');
          break;
        }
        if (lineEnd > length - 2) break;
        const count = parseInt64Bytes(work, pos + 1, lineEnd);
        if (count === undefined || count > INT_MAX) return protocolError('invalid multibulk length');
        pos = lineEnd + 2;
        if (count <= 0) continue;
        this.bulksLeft = count as number;
        this.bulkLength = -1;
        args.buf = work;
        args.count = 0;
      }

      while (this.bulksLeft > 0) {
        if (this.bulkLength === -1) {
          const lineEnd = this.findCarriageReturn(work, pos, length);
          if (lineEnd === NO_LINE) {
            if (length - pos > PROTO_INLINE_MAX_SIZE) return protocolError('too big bulk count string');
            break;
          }
          if (lineEnd > length - 2) break;
          const marker = work[pos] as number;
          if (marker !== 36) {
            // Redis formats the byte with %c and then turns CR and LF into spaces.
            const shown = marker === 13 || marker === 10 ? ' ' : String.fromCharCode(marker);
            return protocolError(`expected '$', got '${shown}'`);
          }
          const bulkLength = parseInt64Bytes(work, pos + 1, lineEnd);
          if (bulkLength === undefined || bulkLength < 0 || bulkLength > PROTO_MAX_BULK_LEN) {
            return protocolError('invalid bulk length');
          }
          this.bulkLength = bulkLength as number;
          pos = lineEnd + 2;
        }
        if (length - pos < this.bulkLength + 2) break;
        args.push(pos, pos + this.bulkLength);
        pos += this.bulkLength + 2;
        this.bulkLength = -1;
        this.bulksLeft--;
      }
      if (this.bulksLeft > 0) break;
      if (!onRequest(args)) return STOPPED;
    }

    if (pos >= length && this.bulksLeft === 0) {
      this.release();
      return MORE;
    }
    return this.keepUnfinished(work, requestStart, pos, length);
  }

  /** Keeps bytes [requestStart, length) of `work`, the unfinished request, for the next feed. */
  private keepUnfinished(work: Buffer, requestStart: number, pos: number, length: number): FeedResult {
    const unfinished = length - requestStart;
    if (unfinished > QUERY_BUFFER_LIMIT) return LIMIT;
    if (work === this.pending) {
      if (requestStart > 0) work.copyWithin(0, requestStart, length);
    } else {
      const known = this.bulkLength >= 0 ? pos - requestStart + this.bulkLength + 2 : 0;
      const capacity = nextCapacity(unfinished, unfinished, known);
      if (this.pending === null || this.pending.length < capacity)
        this.pending = Buffer.allocUnsafe(capacity);
      work.copy(this.pending, 0, requestStart, length);
    }
    if (this.bulksLeft > 0) {
      this.args.buf = this.pending as Buffer;
      this.args.shift(-requestStart);
    }
    this.pendingLength = unfinished;
    this.resumeAt = pos - requestStart;
    return MORE;
  }

  /** Appends a chunk to the unfinished request; false when that would pass the query buffer limit. */
  private append(chunk: Buffer, chunkLength: number): boolean {
    const length = this.pendingLength + chunkLength;
    if (length > QUERY_BUFFER_LIMIT) return false;
    const pending = this.pending as Buffer;
    if (length > pending.length) {
      const known = this.bulkLength >= 0 ? this.resumeAt + this.bulkLength + 2 : 0;
      const grown = Buffer.allocUnsafe(nextCapacity(length, pending.length, known));
      pending.copy(grown, 0, 0, this.pendingLength);
      this.pending = grown;
    }
    chunk.copy(this.pending as Buffer, this.pendingLength, 0, chunkLength);
    this.pendingLength = length;
    return true;
  }

  private release(): void {
    this.pendingLength = 0;
    this.resumeAt = 0;
    // A buffer grown for one large request is not kept for the rest of the connection's life.
    if (this.pending !== null && this.pending.length > 64 * 1024) this.pending = null;
  }

  /** The '\r' ending a count line, or NO_LINE when there is none yet (or a NUL byte comes first). */
  private findCarriageReturn(work: Buffer, from: number, length: number): number {
    for (let i = from; i < length; i++) {
      const byte = work[i];
      if (byte === 13) return i;
      if (byte === 0) return NO_LINE;
    }
    return NO_LINE;
  }

  /** The '\n' ending an inline line, or NO_LINE when there is none yet (or a NUL byte comes first). */
  private findInlineNewline(work: Buffer, from: number, length: number): number {
    const newline = work.indexOf(10, from);
    if (newline === -1 || newline >= length) return NO_LINE;
    if (this.nulAt < from) {
      const nul = work.indexOf(0, from);
      this.nulAt = nul === -1 || nul >= length ? length : nul;
    }
    return this.nulAt < newline ? NO_LINE : newline;
  }
}
