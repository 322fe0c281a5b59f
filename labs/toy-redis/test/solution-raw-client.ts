// A bare TCP client for the solution's self-tests: it sends exact bytes and hands back each reply's
// exact bytes, so tests compare what a client really receives.

import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../solution/server.ts';
import { startServer } from '../solution/server.ts';

/** RESP2 encoding of a command, the way client libraries send it. */
export function encodeCommand(args: readonly (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'latin1') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Length of the complete RESP2 reply at `pos`, or -1 when it has not fully arrived. */
export function replyLength(bytes: Buffer, pos: number): number {
  const lineEnd = bytes.indexOf('\r\n', pos);
  if (lineEnd === -1) return -1;
  const type = String.fromCharCode(bytes[pos] as number);
  const afterLine = lineEnd + 2;
  if (type === '+' || type === '-' || type === ':') return afterLine - pos;
  const count = Number(bytes.toString('latin1', pos + 1, lineEnd));
  if (type === '$') {
    if (count < 0) return afterLine - pos;
    return bytes.length >= afterLine + count + 2 ? afterLine + count + 2 - pos : -1;
  }
  if (type === '*') {
    let next = afterLine;
    for (let i = 0; i < count; i++) {
      const length = replyLength(bytes, next);
      if (length === -1) return -1;
      next += length;
    }
    return next - pos;
  }
  throw new Error(`not a RESP2 reply: ${JSON.stringify(bytes.toString('latin1', pos, pos + 40))}`);
}

export class RawClient {
  private readonly socket: Socket;
  private received = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  /** Resolves when the server closes the connection. */
  readonly closed: Promise<void>;
  isClosed = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.waiter?.();
    });
    socket.on('error', () => {});
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.isClosed = true;
        this.waiter?.();
        resolve();
      });
    });
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: string | Buffer): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Waits for `count` complete replies and returns each one's bytes as a one-byte string. */
  async replies(count: number): Promise<string[]> {
    const replies: string[] = [];
    let pos = 0;
    for (;;) {
      while (replies.length < count) {
        const length = replyLength(this.received, pos);
        if (length === -1) break;
        replies.push(this.received.toString('latin1', pos, pos + length));
        pos += length;
      }
      if (replies.length === count) {
        this.received = this.received.subarray(pos);
        return replies;
      }
      if (this.isClosed) {
        throw new Error(
          `connection closed after ${replies.length} of ${count} replies: ${JSON.stringify(this.received.toString('latin1'))}`,
        );
      }
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
      this.waiter = undefined;
    }
  }

  /** Sends one command as a RESP array and returns its reply's bytes. */
  async call(...args: (string | Buffer)[]): Promise<string> {
    this.send(encodeCommand(args));
    const [reply] = await this.replies(1);
    return reply as string;
  }

  /** Waits until the server closes the connection and returns everything it sent that was not read. */
  async untilClosed(): Promise<string> {
    await this.closed;
    const rest = this.received.toString('latin1');
    this.received = Buffer.alloc(0);
    return rest;
  }

  /** Shuts down the sending side, as `nc` does at the end of its input; replies still arrive. */
  endSending(): void {
    this.socket.end();
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A solution server on a free port with its own fresh directory, for one test file. */
export interface TestServer {
  server: RunningServer;
  dir: string;
  connect(): Promise<RawClient>;
  /** Closes the server and deletes its directory. */
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'toy-redis-test-'));
  const server = await startServer({ port: 0, dir });
  return {
    server,
    dir,
    connect: () => RawClient.connect(server.port),
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
