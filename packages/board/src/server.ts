// The progress board: node:http, one SQLite file, server-sent events to the pages that watch it.
//
//   GET  /               the board (projector view: /?view=projector)
//   GET  /events         server-sent events: `snapshot` on connect, then `row` and `participant`
//   GET  /api/state      the same state as JSON
//   GET  /export.csv     the session's results, one line per learner x lab x objective
//   GET  /healthz        {"ok":true}
//   POST /api/join       {name}                      Authorization: Bearer <join code>
//   POST /api/report     {name, lab, instance, results: [{id, title?, status, reason?}]}   (same header)
//
// Refusals are JSON `{ok:false, error}`: 401 wrong or missing code (nothing read, nothing stored),
// 400 malformed JSON or a field that does not fit, 413 a body over the limit, 429 too many requests
// from one client (with Retry-After), 404/405. No input makes the process exit.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { toCsv } from './csv.ts';
import { assertJoinCode, joinCodeMatches, newJoinCode } from './join-code.ts';
import { type RateLimit, RateLimiter } from './rate-limit.ts';
import { type BoardState, BoardStore } from './store.ts';
import { type Checked, checkJoin, checkReport } from './validate.ts';

export interface BoardOptions {
  /** The SQLite file that holds the session (created when missing; reused across restarts). */
  dbFile: string;
  /** Address to listen on. Default 127.0.0.1 (this machine only); `0.0.0.0` exposes it to the network. */
  host?: string;
  /** Port to listen on. Default 4477; 0 picks a free one. */
  port?: number;
  /** The join code learners report with. Default: the code this file already has, or a new one. */
  joinCode?: string;
  /** Largest request body accepted, in bytes. Default 64 KiB. */
  maxBodyBytes?: number;
  rateLimits?: {
    /** Every request from one address. Default burst 200, 100/s. */
    perAddress?: RateLimit;
    /** Joins and reports of one learner (address + name). Default burst 10, 1/s. */
    perLearner?: RateLimit;
    /** Requests with a wrong or missing join code from one address. Default burst 20, 1 every 2 s. */
    failedAuth?: RateLimit;
  };
  /** Most pages watching at once. Default 200. */
  maxWatchers?: number;
  /** Most pages watching at once from one address. Default 20. */
  maxWatchersPerAddress?: number;
  /** Called with unexpected errors (a request still gets a 500). Default: write them to stderr. */
  onError?: (error: unknown) => void;
}

export interface Board {
  /** The URL to open (and, on 127.0.0.1, the one learners join). */
  url: string;
  /** URLs learners on other machines can use when the board listens on every interface. */
  urls: string[];
  host: string;
  port: number;
  joinCode: string;
  dbFile: string;
  /** One sentence: who can reach the board, and what they can do with it. */
  exposure: string;
  /** Stops listening, ends every watching page and closes the file. */
  close(): Promise<void>;
}

export const defaultPort = 4477;
const defaultLimits = {
  perAddress: { burst: 200, perSecond: 100 },
  perLearner: { burst: 10, perSecond: 1 },
  failedAuth: { burst: 20, perSecond: 0.5 },
} satisfies Record<string, RateLimit>;

const asset = (name: string) => readFileSync(new URL(`./page/${name}`, import.meta.url), 'utf8');
const pageHtml = asset('board.html');
const pageJs = asset('board.js');
const pageCss = asset('board.css');

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};
const pageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

class HttpError extends Error {
  readonly status: number;
  readonly headers: Record<string, string>;
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function urlFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** Interfaces of containers and VMs on this machine: no learner reaches the board through them. */
const localOnlyInterface = /^(docker|br-|veth|virbr|cni|podman|lxc|lxd)/;

/** Where learners on other machines find a board that listens on every interface. */
export function reachableUrls(
  host: string,
  port: number,
  interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]> = os.networkInterfaces(),
): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [urlFor(host, port)];
  const urls: string[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    if (localOnlyInterface.test(name)) continue;
    for (const address of addresses ?? [])
      if (!address.internal && address.family === 'IPv4' && !address.address.startsWith('169.254.'))
        urls.push(urlFor(address.address, port));
  }
  return urls;
}

export function describeExposure(host: string, port: number): string {
  if (isLoopback(host))
    return `Listening on ${host} only: learners on this machine can report; nobody else on the network can reach the board.`;
  const where = host === '0.0.0.0' || host === '::' ? 'every network interface' : host;
  return (
    `Listening on ${where}, port ${port}: anyone who can reach this machine there sees the board and its CSV ` +
    'export (names and progress of every learner) and can try join codes (rate limited); only holders of the ' +
    'join code can report. Use it on a network you trust, and stop the board after the workshop.'
  );
}

/** What `board` prints at start: where to open it, the join code, the join command, what it exposes. */
export function boardBanner(board: Board): string {
  const joinUrl = board.urls[0] ?? board.url;
  return [
    `Progress board: ${board.url}  (projector: ${board.url}?view=projector)`,
    `Join code:      ${board.joinCode}`,
    `Learners join:  pnpm lab join ${joinUrl} --name "<display name>" --code ${board.joinCode}`,
    ...(board.urls.length > 1 ? [`Also reachable: ${board.urls.slice(1).join('  ')}`] : []),
    `Data:           ${board.dbFile} (kept across restarts; CSV: ${board.url}export.csv)`,
    board.exposure,
  ].join('\n');
}

/** Starts the board; resolves once it listens. */
export async function startBoard(options: BoardOptions): Promise<Board> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const maxWatchers = options.maxWatchers ?? 200;
  const onError =
    options.onError ??
    ((error: unknown) =>
      process.stderr.write(`board: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`));
  if (options.joinCode !== undefined) assertJoinCode(options.joinCode);

  const store = new BoardStore(options.dbFile);
  let joinCode: string;
  try {
    joinCode = options.joinCode ?? store.getMeta('joinCode') ?? newJoinCode();
    store.setMeta('joinCode', joinCode);
  } catch (error) {
    store.close();
    throw error;
  }

  const perAddress = new RateLimiter(options.rateLimits?.perAddress ?? defaultLimits.perAddress);
  const perLearner = new RateLimiter(options.rateLimits?.perLearner ?? defaultLimits.perLearner);
  const failedAuth = new RateLimiter(options.rateLimits?.failedAuth ?? defaultLimits.failedAuth);
  const watchers = new Set<http.ServerResponse>();
  const watchersByAddress = new Map<string, number>();
  const maxWatchersPerAddress = options.maxWatchersPerAddress ?? 20;

  function broadcast(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const watcher of watchers) {
      // A page that stopped reading is dropped rather than buffered without bound; it reconnects.
      if (watcher.writableLength > 1024 * 1024) watcher.destroy();
      else watcher.write(message);
    }
  }
  const heartbeat = setInterval(() => {
    for (const watcher of watchers) watcher.write(': ping\n\n');
  }, 15_000);
  heartbeat.unref();

  function authorize(req: http.IncomingMessage, address: string): void {
    if (!failedAuth.peek(address))
      throw new HttpError(429, 'too many wrong join codes from this address; wait a minute', {
        'retry-after': '60',
      });
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !joinCodeMatches(match[1].trim(), joinCode)) {
      failedAuth.take(address);
      throw new HttpError(
        401,
        match
          ? 'wrong join code: ask the instructor for the code `pnpm lab board` printed'
          : 'missing join code: send it as "Authorization: Bearer <code>"',
        { 'www-authenticate': 'Bearer realm="storylabs-board"' },
      );
    }
  }

  async function readJson(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      discard(req, res);
      throw new HttpError(413, `the body is larger than ${maxBodyBytes} bytes`);
    }
    const body = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxBodyBytes) return void chunks.push(chunk);
        req.off('data', onData);
        discard(req, res);
        reject(new HttpError(413, `the body is larger than ${maxBodyBytes} bytes`));
      };
      req.on('data', onData);
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
      req.on('close', () => reject(new Error('the client went away before the body ended')));
    });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw new HttpError(400, 'the body is not UTF-8 text');
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new HttpError(400, `malformed JSON: ${error instanceof Error ? error.message : error}`);
    }
  }

  function checked<T>(result: Checked<T>): T {
    if (!result.ok) throw new HttpError(400, result.error);
    return result.value;
  }

  function learnerLimit(address: string, name: string): void {
    const wait = perLearner.take(`${address}\n${name}`);
    if (wait > 0)
      throw new HttpError(429, `too many reports from ${name}; try again in ${wait} s`, {
        'retry-after': String(wait),
      });
  }

  function watch(req: http.IncomingMessage, res: http.ServerResponse, address: string, method: string): void {
    if (method === 'HEAD') {
      send(res, 200, '', 'text/event-stream; charset=utf-8');
      return;
    }
    if (watchers.size >= maxWatchers)
      throw new HttpError(503, `${maxWatchers} pages already watch this board`, { 'retry-after': '10' });
    const fromAddress = watchersByAddress.get(address) ?? 0;
    if (fromAddress >= maxWatchersPerAddress)
      throw new HttpError(429, `${maxWatchersPerAddress} pages from this address already watch this board`, {
        'retry-after': '10',
      });
    watchersByAddress.set(address, fromAddress + 1);
    res.writeHead(200, {
      ...securityHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(`retry: 1000\nevent: snapshot\ndata: ${JSON.stringify(store.state())}\n\n`);
    watchers.add(res);
    let forgotten = false;
    const forget = () => {
      if (forgotten) return;
      forgotten = true;
      watchers.delete(res);
      const left = (watchersByAddress.get(address) ?? 1) - 1;
      if (left > 0) watchersByAddress.set(address, left);
      else watchersByAddress.delete(address);
    };
    req.on('close', forget);
    res.on('close', forget);
    res.on('error', forget);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const address = req.socket.remoteAddress ?? 'unknown';
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const wait = perAddress.take(address);
    if (wait > 0)
      throw new HttpError(429, `too many requests from this address; try again in ${wait} s`, {
        'retry-after': String(wait),
      });
    const read = method === 'GET' || method === 'HEAD';
    const route = `${read ? 'GET' : method} ${pathname}`;
    switch (route) {
      case 'GET /':
        return send(res, 200, pageHtml, 'text/html; charset=utf-8', { 'content-security-policy': pageCsp });
      case 'GET /board.js':
        return send(res, 200, pageJs, 'text/javascript; charset=utf-8');
      case 'GET /board.css':
        return send(res, 200, pageCss, 'text/css; charset=utf-8');
      case 'GET /healthz':
        return sendJson(res, 200, { ok: true });
      case 'GET /api/state':
        return sendJson(res, 200, store.state());
      case 'GET /events':
        return watch(req, res, address, method);
      case 'GET /export.csv': {
        const day = new Date().toISOString().slice(0, 10);
        return send(res, 200, toCsv(store.state()), 'text/csv; charset=utf-8', {
          'content-disposition': `attachment; filename="storylabs-board-${day}.csv"`,
        });
      }
      case 'POST /api/join': {
        authorize(req, address);
        const { name } = checked(checkJoin(await readJson(req, res)));
        learnerLimit(address, name);
        const alreadyJoined = store.hasParticipant(name);
        const participant = store.join(name);
        broadcast('participant', { participant, serverTime: Date.now() });
        return sendJson(res, 200, { ok: true, name, alreadyJoined });
      }
      case 'POST /api/report': {
        authorize(req, address);
        const report = checked(checkReport(await readJson(req, res)));
        learnerLimit(address, report.name);
        let stored: ReturnType<BoardStore['record']>;
        try {
          stored = store.record(report);
        } catch (error) {
          onError(error);
          throw new HttpError(503, `the board could not store the report: ${(error as Error).message}`);
        }
        broadcast('row', { row: stored.row, participant: stored.participant, serverTime: Date.now() });
        return sendJson(res, 200, { ok: true, id: stored.id });
      }
    }
    const known = ['/', '/board.js', '/board.css', '/healthz', '/api/state', '/events', '/export.csv'];
    if (known.includes(pathname)) throw new HttpError(405, `${method} is not allowed here`, { allow: 'GET' });
    if (pathname === '/api/join' || pathname === '/api/report')
      throw new HttpError(405, `${method} is not allowed here`, { allow: 'POST' });
    throw new HttpError(404, `nothing at ${pathname}`);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { ok: false, error: error.message }, error.headers);
        return;
      }
      if (req.destroyed || res.destroyed) return; // the client went away mid-request
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal error; see the board’s log' });
      else res.destroy();
    });
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 1024;
  server.on('clientError', (_error, socket) => {
    if (socket.writable && !socket.destroyed)
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? defaultPort, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    store.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new Error(
        `port ${options.port ?? defaultPort} on ${host} is in use; pass another port (0 picks one)`,
      );
    if (code === 'EADDRNOTAVAIL') throw new Error(`${host} is not an address of this machine`);
    throw error;
  }
  server.on('error', onError);
  const port = (server.address() as AddressInfo).port;
  const url = urlFor(host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host, port);

  let closing: Promise<void> | undefined;
  return {
    url,
    urls: reachableUrls(host, port),
    host,
    port,
    joinCode,
    dbFile: store.file,
    exposure: describeExposure(host, port),
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(heartbeat);
        for (const watcher of watchers) watcher.end();
        watchers.clear();
        server.close(() => {
          store.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** After an early refusal: answer, read what the client still sends for a moment, then hang up. */
function discard(req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('connection', 'close');
  req.resume();
  setTimeout(() => req.socket.destroy(), 2000).unref();
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  type: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...securityHeaders,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

export type { BoardState };
