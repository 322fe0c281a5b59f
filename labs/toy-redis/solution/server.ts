// The reference toy Redis: a TCP server speaking RESP2 on one thread, like Redis. Each incoming chunk
// is parsed in place, its commands run in order, the log records they produced are written, and all
// their replies leave in a single socket write, which is what makes pipelining cheap.
//
// Reads skip Node's stream machinery. A socket normally hands every read to a Readable stream: a new
// Buffer per read, then the stream's bookkeeping and a process.nextTick, about 5,000 instructions per
// read (callgrind), more than Redis spends on a whole PING. A socket constructed with the `onread`
// option instead reads into a buffer we supply and calls us directly. net.Server does not take that
// option, so each connection is accepted paused and its handle re-opened as a socket with `onread`.
// Writes skip it too: replies go straight to the socket's handle (reply-writer.ts).

import { mkdirSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, Socket as NetSocket } from 'node:net';
import { AppendLog } from './append-log.ts';
import { Commands, Session } from './commands.ts';
import { Keyspace } from './keyspace.ts';
import { error } from './replies.ts';
import { writeLatin1 } from './reply-writer.ts';
import type { RequestArgs } from './request-args.ts';
import type { FeedResult } from './request-parser.ts';
import { RequestParser } from './request-parser.ts';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1: the lab never listens beyond this machine. */
  host?: string;
  /** Where the append-only log lives; created if missing. */
  dir: string;
}

export interface RunningServer {
  port: number;
  /** Stops listening, drops every connection, and writes and fsyncs the log. */
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 100;
const SWEEP_CHECKS_PER_DATABASE = 1000;
/** As large as a socket read can be. */
const READ_BUFFER_BYTES = 64 * 1024;

/** The libuv handle under an accepted socket (not in Node's public types). */
interface WithHandle {
  _handle: object | null;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  mkdirSync(options.dir, { recursive: true });
  const keyspace = new Keyspace();
  const log = new AppendLog(options.dir, keyspace);
  const connections = new Set<Socket>();
  let port = options.port;
  const commands = new Commands(
    keyspace,
    { dir: options.dir, port: () => port, connectedClients: () => connections.size, startedAt: Date.now() },
    () => log.rewrite(),
  );

  // Replies that acknowledge log records wait until one write has put every connection's records
  // in the file, as Redis flushes its AOF in beforeSleep: one log write per event-loop turn.
  const awaitingLog: Connection[] = [];
  const writeLogThenReplies = (): void => {
    log.write();
    for (const connection of awaitingLog) connection.send();
    awaitingLog.length = 0;
  };

  // One read buffer serves every connection: each read is parsed before the next one happens, and
  // the parser copies aside what it keeps (the start of an unfinished request).
  const readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const onRead = (connection: Connection, bytes: number): void => {
    if (!connection.receive(readBuffer, bytes) || connection.awaitingLog) return;
    if (!log.hasUnwritten && awaitingLog.length === 0) {
      connection.send();
      return;
    }
    if (awaitingLog.length === 0) setImmediate(writeLogThenReplies);
    connection.awaitingLog = true;
    awaitingLog.push(connection);
  };

  // allowHalfOpen: a client that sends its commands and then shuts down its side (`nc` at the end of
  // its input) still gets every reply, even those waiting for the log; then the connection closes.
  const server = createServer({ noDelay: true, allowHalfOpen: true, pauseOnConnect: true }, (accepted) => {
    const socket: NetSocket = new NetSocket({
      handle: (accepted as unknown as WithHandle)._handle,
      allowHalfOpen: true,
      onread: {
        buffer: readBuffer,
        callback: (bytes: number) => {
          onRead(connection, bytes);
          return true;
        },
      },
    } as ConstructorParameters<typeof NetSocket>[0]);
    const connection = new Connection(socket, commands);
    connections.add(socket);
    socket.on('end', () => connection.peerEnded());
    // Resets and broken pipes only end that one connection.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      connections.delete(socket);
      // The accepted socket never read and its handle is closed: this only tells the server (which
      // counts its connections) that this one is over.
      accepted.destroy();
    });
  });

  const sweep = setInterval(() => keyspace.sweep(Date.now(), SWEEP_CHECKS_PER_DATABASE), SWEEP_INTERVAL_MS);
  sweep.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: options.port, host: options.host ?? '127.0.0.1', backlog: 1024 }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (failure) {
    clearInterval(sweep);
    log.close();
    throw failure;
  }
  port = (server.address() as AddressInfo).port;

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        awaitingLog.length = 0;
        for (const socket of connections) socket.destroy();
        server.close(() => {
          log.close();
          resolve();
        });
      }),
  };
}

/** One client: its parser, its session, and the replies it is owed. */
class Connection {
  private readonly socket: Socket;
  private readonly session = new Session();
  private readonly parser = new RequestParser();
  private readonly onRequest: (args: RequestArgs) => boolean;
  /** Why the connection ends once its replies are out ('more': it does not). */
  private ending: FeedResult['kind'] | 'peer-ended' = 'more';
  /** Its replies wait for this turn's log write. */
  awaitingLog = false;
  /** Writes libuv still holds bytes of. */
  private writesQueued = 0;

  constructor(socket: Socket, commands: Commands) {
    this.socket = socket;
    this.onRequest = (args) => {
      commands.execute(this.session, args);
      return !this.session.closeAfterReply;
    };
  }

  /** Runs the requests in bytes [0, length) of `chunk`; false when nothing is owed (the connection is already closing). */
  receive(chunk: Buffer, length: number): boolean {
    if (this.ending !== 'more') return false;
    const result = this.parser.feed(chunk, this.onRequest, length);
    if (result.kind === 'protocol-error') this.session.out += error(result.message);
    this.ending = result.kind;
    return true;
  }

  /** The client closed its side: nothing more will come, so close once the replies owed are out. */
  peerEnded(): void {
    if (this.ending === 'more') this.ending = 'peer-ended';
    if (!this.awaitingLog) this.send();
  }

  /** Writes the replies owed in one write, then closes if the connection is ending. */
  send(): void {
    this.awaitingLog = false;
    const { socket, session } = this;
    if (session.out !== '') {
      const outcome = writeLatin1(socket, session.out, this.onWritten);
      session.out = '';
      if (typeof outcome === 'number') {
        socket.destroy();
        return;
      }
      // A client that does not read its replies stops being read from, so memory stays bounded.
      if (outcome === 'queued') {
        this.writesQueued++;
        if (this.ending === 'more') socket.pause();
      }
    }
    if (this.ending === 'more') return;
    if (this.ending === 'query-buffer-limit') socket.destroy();
    else if (socket.writable) socket.end(() => socket.destroy());
  }

  private readonly onWritten = (status: number): void => {
    this.writesQueued--;
    if (status < 0) this.socket.destroy();
    else if (this.writesQueued === 0 && this.ending === 'more') this.socket.resume();
  };
}
