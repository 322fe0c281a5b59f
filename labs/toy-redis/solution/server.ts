// The reference toy Redis: a TCP server speaking RESP2 on one thread, like Redis. Each incoming chunk
// is parsed in place, its commands run in order, the log records they produced are written, and all
// their replies leave in a single socket write, which is what makes pipelining cheap.

import { mkdirSync } from 'node:fs';
import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';
import { AppendLog } from './append-log.ts';
import { Commands, Session } from './commands.ts';
import { Keyspace } from './keyspace.ts';
import { error } from './replies.ts';
import type { RequestArgs } from './request-args.ts';
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

  const server = createServer({ noDelay: true }, (socket) => {
    connections.add(socket);
    const session = new Session();
    const parser = new RequestParser();
    let closing = false;
    const onRequest = (args: RequestArgs): boolean => {
      commands.execute(session, args);
      return !session.closeAfterReply;
    };

    socket.on('data', (chunk: Buffer) => {
      if (closing) return;
      const result = parser.feed(chunk, onRequest);
      if (result.kind === 'protocol-error') session.out += error(result.message);
      // Acknowledged writes are in the log before their replies leave.
      log.write();
      if (session.out !== '') {
        const flushed = socket.write(session.out, 'latin1');
        session.out = '';
        // A client that does not read its replies stops being read from, so memory stays bounded.
        if (!flushed && !closing) {
          socket.pause();
          socket.once('drain', () => socket.resume());
        }
      }
      if (result.kind === 'more') return;
      closing = true;
      if (result.kind === 'query-buffer-limit') socket.destroy();
      else socket.end(() => socket.destroy());
    });
    // Resets and broken pipes only end that one connection.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => connections.delete(socket));
  });

  const sweep = setInterval(() => keyspace.sweep(Date.now(), SWEEP_CHECKS_PER_DATABASE), SWEEP_INTERVAL_MS);
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host ?? '127.0.0.1', backlog: 1024 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweep);
        for (const socket of connections) socket.destroy();
        server.close(() => {
          log.close();
          resolve();
        });
      }),
  };
}
