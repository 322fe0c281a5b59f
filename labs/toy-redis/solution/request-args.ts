// One request's arguments as byte ranges of a buffer. The parser reuses a single instance for every
// command it reads, so the hot path allocates nothing here; handlers copy out what they keep.

/** Chunks up to this size are decoded whole for lookupString (socket reads are at most 64 KB). */
const CHUNK_TEXT_MAX_BYTES = 64 * 1024;

export class RequestArgs {
  buf: Buffer;
  count = 0;
  starts: Int32Array;
  ends: Int32Array;
  /** The chunk the parser is reading, bytes [0, chunkLength); undefined between chunks. */
  private chunk: Buffer | undefined;
  private chunkLength = 0;
  /** That chunk as one-byte text, decoded by the first lookupString of the chunk. */
  private chunkText: string | undefined;

  constructor(buf: Buffer = Buffer.alloc(0), capacity = 16) {
    this.buf = buf;
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const starts = new Int32Array(this.starts.length * 2);
      const ends = new Int32Array(this.ends.length * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /** Moves every range by `delta` bytes (the parser moved the bytes they point at). */
  shift(delta: number): void {
    for (let i = 0; i < this.count; i++) {
      (this.starts[i] as number) += delta;
      (this.ends[i] as number) += delta;
    }
  }

  byteLength(index: number): number {
    return (this.ends[index] as number) - (this.starts[index] as number);
  }

  /** The argument as a one-byte string: every byte becomes the char with the same code, losslessly. */
  string(index: number): string {
    return this.buf.toString('latin1', this.starts[index], this.ends[index]);
  }

  /** The parser is reading bytes [0, length) of `chunk` (undefined: it is done with it). */
  startChunk(chunk: Buffer | undefined, length = 0): void {
    this.chunk = chunk;
    this.chunkLength = length;
    this.chunkText = undefined;
  }

  /**
   * The same string as string(), for a key that is only looked up, never stored (GET, EXISTS, TTL).
   * Each Buffer#toString call crosses from JavaScript into Node's C++ and allocates there, which
   * costs more than the rest of a GET; so the chunk being read is decoded once, and each lookup
   * cuts its key from that text with String#slice, which stays in V8's compiled code. A cut may be a
   * view that keeps the whole chunk's text alive: anything stored must come from string().
   */
  lookupString(index: number): string {
    if (this.buf !== this.chunk || this.chunkLength > CHUNK_TEXT_MAX_BYTES) return this.string(index);
    this.chunkText ??= this.buf.toString('latin1', 0, this.chunkLength);
    return this.chunkText.slice(this.starts[index], this.ends[index]);
  }

  /**
   * Case-insensitive comparison with an upper-case ASCII word, without allocating. Like the strcasecmp
   * Redis uses for options, the argument ends at its first NUL byte: "NX\0junk" is NX.
   */
  is(index: number, upperWord: string): boolean {
    const start = this.starts[index] as number;
    const length = (this.ends[index] as number) - start;
    if (
      length < upperWord.length ||
      (length > upperWord.length && this.buf[start + upperWord.length] !== 0)
    ) {
      return false;
    }
    for (let i = 0; i < upperWord.length; i++) {
      const byte = this.buf[start + i] as number;
      const upper = byte >= 97 && byte <= 122 ? byte - 32 : byte;
      if (upper !== upperWord.charCodeAt(i)) return false;
    }
    return true;
  }

  /** A standalone copy that stays valid after the parser moves on (MULTI queues commands). */
  copy(): RequestArgs {
    let total = 0;
    for (let i = 0; i < this.count; i++) total += this.byteLength(i);
    const copy = new RequestArgs(Buffer.allocUnsafe(total), Math.max(this.count, 1));
    let offset = 0;
    for (let i = 0; i < this.count; i++) {
      const length = this.byteLength(i);
      this.buf.copy(copy.buf, offset, this.starts[i], this.ends[i]);
      copy.push(offset, offset + length);
      offset += length;
    }
    return copy;
  }
}
