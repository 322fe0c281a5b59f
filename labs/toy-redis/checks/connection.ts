// A raw RESP connection for the tester. Unlike a client library it keeps every byte it receives, and
// reports the three ways a read can go wrong (nothing came, the connection closed, the bytes are not
// RESP) as values the failure messages can describe.
import net from 'node:net';
import type { Endpoint } from '@storylabs/lab-kit/manifest';
import { afterPendingIo, Patience } from './clock.ts';
import { parseReply, type Reply } from './resp.ts';

export type ReadOutcome =
  | { kind: 'reply'; reply: Reply; raw: Buffer }
  | { kind: 'timeout'; partial: Buffer; waitedMs: number }
  | { kind: 'closed'; partial: Buffer; error?: string }
  | { kind: 'invalid'; raw: Buffer; reason: string };

export class ConnectError extends Error {
  readonly endpoint: Endpoint;
  constructor(endpoint: Endpoint, cause: string) {
    super(`could not connect to ${endpoint.host}:${endpoint.port}: ${cause}`);
    this.name = 'ConnectError';
    this.endpoint = endpoint;
  }
}

export class RespConnection {
  readonly endpoint: Endpoint;
  private readonly socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private closed = false;
  private closeError: string | undefined;
  private wake: (() => void) | undefined;

  private constructor(socket: net.Socket, endpoint: Endpoint) {
    this.socket = socket;
    this.endpoint = endpoint;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    const onClose = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('end', onClose);
    socket.on('close', onClose);
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.closeError = err.code ?? err.message;
      onClose();
    });
  }

  /**
   * Connects, waiting at most `timeoutMs` of the tester's own running time (see clock.ts): a connection
   * that was accepted while the tester was not running is not reported as refused or slow.
   */
  static open(endpoint: Endpoint, timeoutMs = 2000): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: endpoint.host, port: endpoint.port });
      socket.setNoDelay(true);
      let settled = false;
      const patience = new Patience(timeoutMs);
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const look = () => {
        if (settled) return;
        if (!patience.exhausted()) {
          timer = setTimeout(look, patience.nextSliceMs());
          return;
        }
        void afterPendingIo().then(() =>
          settle(() => {
            socket.destroy();
            reject(new ConnectError(endpoint, `no answer within ${timeoutMs} ms`));
          }),
        );
      };
      timer = setTimeout(look, patience.nextSliceMs());
      socket.once('connect', () =>
        settle(() => {
          socket.removeAllListeners('error');
          resolve(new RespConnection(socket, endpoint));
        }),
      );
      socket.once('error', (err: NodeJS.ErrnoException) =>
        settle(() => reject(new ConnectError(endpoint, err.code ?? err.message))),
      );
    });
  }

  /** Writes bytes; a write to a connection the server already closed is reported by the next read. */
  write(bytes: Buffer): Promise<void> {
    if (this.closed || this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.write(bytes, () => resolve());
    });
  }

  /** Bytes received and not yet read as a reply: a server that replies twice leaves some here. */
  unread(): Buffer {
    return this.buffer;
  }

  isClosed(): boolean {
    return this.closed;
  }

  /**
   * Reads exactly one reply, waiting at most `timeoutMs` of the tester's own running time for it to
   * complete (see clock.ts): a reply that came while the tester was not running is still a reply.
   * `excused`: the server's cumulative time spent waiting for a CPU, in ms, when known.
   */
  async read(timeoutMs: number, excused?: () => number): Promise<ReadOutcome> {
    const patience = new Patience(timeoutMs, excused);
    let lookedAtPendingIo = false;
    for (;;) {
      const parsed = parseReply(this.buffer);
      if (parsed.status === 'complete') {
        const raw = Buffer.from(this.buffer.subarray(0, parsed.length));
        this.buffer = this.buffer.subarray(parsed.length);
        return { kind: 'reply', reply: parsed.reply, raw };
      }
      if (parsed.status === 'invalid') {
        const raw = this.buffer;
        this.buffer = Buffer.alloc(0);
        return { kind: 'invalid', raw, reason: parsed.reason };
      }
      if (this.closed) {
        const partial = this.buffer;
        this.buffer = Buffer.alloc(0);
        return this.closeError
          ? { kind: 'closed', partial, error: this.closeError }
          : { kind: 'closed', partial };
      }
      if (patience.exhausted()) {
        // Silence for the whole budget, as far as this process could see: let in what is pending, look again.
        if (lookedAtPendingIo) return { kind: 'timeout', partial: this.buffer, waitedMs: timeoutMs };
        lookedAtPendingIo = true;
        await afterPendingIo();
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, patience.nextSliceMs());
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
    this.wake?.();
  }
}
