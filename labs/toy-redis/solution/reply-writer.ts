// Writes replies straight to a socket's libuv handle instead of through its Writable stream.
//
// socket.write() costs more than the kernel's write at -P 1: the Writable's bookkeeping, a WriteWrap
// object built in C++ for every write (with a persistent handle), and afterwards the stream's
// completion callbacks. The handle's own writeLatin1String() first tries the write at once
// (uv_try_write); when the kernel takes everything, which over loopback it nearly always does, the
// request object is not even looked at, so one object serves every such write. Only a write the kernel
// cannot take in full becomes asynchronous: libuv queues the rest in order behind any earlier bytes,
// and takes over the request object, which then reports through its `oncomplete`.
//
// This is the one place that relies on Node internals not in its public API: the stream_wrap binding
// (WriteWrap, streamBaseState), reached with process.binding, and socket._handle. Node's own
// net.Socket does exactly this in lib/internal/stream_base_commons.js (writeGeneric).

import type { Socket } from 'node:net';
import { constants } from 'node:os';

interface WriteRequest {
  oncomplete: ((this: WriteRequest, status: number) => void) | undefined;
  onDone: ((status: number) => void) | undefined;
}

interface StreamHandle {
  writeLatin1String(request: WriteRequest, text: string): number;
}

interface StreamWrapBinding {
  WriteWrap: new () => WriteRequest;
  streamBaseState: Int32Array;
  kLastWriteWasAsync: number;
}

const { WriteWrap, streamBaseState, kLastWriteWasAsync } = (
  process as unknown as { binding(name: string): StreamWrapBinding }
).binding('stream_wrap');

function onWriteComplete(this: WriteRequest, status: number): void {
  this.onDone?.(status);
}

/** The request object synchronous writes share; replaced when an asynchronous write keeps it. */
let spare = new WriteWrap();

/** What a write did: the kernel took it all ('done'), libuv queued the rest ('queued'), or it failed (a negative errno). */
export type WriteOutcome = 'done' | 'queued' | number;

/**
 * Writes one-byte text to the socket's handle. When the outcome is 'queued', `onDone` is called once
 * the queued bytes are out (status 0) or could not be written (a negative errno).
 */
export function writeLatin1(socket: Socket, text: string, onDone: (status: number) => void): WriteOutcome {
  const handle = (socket as unknown as { _handle: StreamHandle | null })._handle;
  if (handle === null) return -constants.errno.EPIPE; // The socket is already closed.
  const request = spare;
  const error = handle.writeLatin1String(request, text);
  if (error !== 0) return error;
  if (streamBaseState[kLastWriteWasAsync] === 0) return 'done';
  request.oncomplete = onWriteComplete;
  request.onDone = onDone;
  spare = new WriteWrap();
  return 'queued';
}
