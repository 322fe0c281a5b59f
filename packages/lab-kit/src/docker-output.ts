// Docker's multiplexed output: what `logs`, `exec` and `attach` send for a container without a TTY.
// Each frame is an 8-byte header (byte 0: 0 stdin, 1 stdout, 2 stderr; bytes 4-7: the payload's length,
// big-endian) followed by the payload. The frames follow dockerode's `modem.demuxStream`: stdout frames
// go to stdout, the others to stderr, and bytes that are not multiplexed at all (a header naming no
// stream: a TTY's output) go to stdout as they are, with everything after them.
import { StringDecoder } from 'node:string_decoder';

export type OutputStream = 'stdout' | 'stderr';

/** The text of both streams. */
export interface OutputText {
  stdout: string;
  stderr: string;
}

const HEADER = 8;

/**
 * Splits multiplexed bytes into each stream's payloads, whatever chunks they arrive in: returns the
 * function to feed the chunks to, which calls `onOutput` once for each whole frame.
 */
export function demuxer(onOutput: (stream: OutputStream, bytes: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let raw = false;
  return (chunk) => {
    if (raw) {
      onOutput('stdout', chunk);
      return;
    }
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= HEADER) {
      const type = pending.readUInt8(0);
      if (type > 2) {
        raw = true;
        onOutput('stdout', pending);
        pending = Buffer.alloc(0);
        return;
      }
      const end = HEADER + pending.readUInt32BE(4);
      if (pending.length < end) return;
      onOutput(type === 1 ? 'stdout' : 'stderr', pending.subarray(HEADER, end));
      pending = pending.subarray(end);
    }
  };
}

/**
 * Gathers the text of both streams from multiplexed chunks (`push` them as they come); `text()` is what
 * came so far, decoded as UTF-8 also where a character is split between frames.
 */
export function outputCollector(): { push(chunk: Buffer): void; text(): OutputText } {
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  const text: OutputText = { stdout: '', stderr: '' };
  return {
    push: demuxer((stream, bytes) => {
      text[stream] += decoders[stream].write(bytes);
    }),
    text: () => ({ ...text }),
  };
}

/** Both streams' text of a whole multiplexed buffer (e.g. a container's `logs` without follow). */
export function demuxText(buffer: Buffer): OutputText {
  const collector = outputCollector();
  collector.push(buffer);
  return collector.text();
}

/**
 * How many times `message` occurs in a container's multiplexed logs, counted in each stream's
 * demultiplexed text (a message split between frames counts; frame headers are never part of it).
 */
export function countInLogs(logs: Buffer, message: string): number {
  const { stdout, stderr } = demuxText(logs);
  return stdout.split(message).length - 1 + (stderr.split(message).length - 1);
}
