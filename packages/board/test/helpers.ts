// Shared by the board's tests: temporary files, raw HTTP requests, and the board as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export function temporaryDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'storylabs-board-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): { ok: boolean; error?: string; [key: string]: unknown };
}

/** One request on its own connection; `body` goes out as given (a Buffer or string), never re-encoded. */
export function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    chunked?: boolean;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (options.body !== undefined && !options.chunked)
      headers['content-length'] = Buffer.byteLength(options.body);
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export function postJson(url: string, body: unknown, code?: string): Promise<RawResponse> {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(code ? { authorization: `Bearer ${code}` } : {}) },
    body: JSON.stringify(body),
  });
}

export interface ChildBoard {
  url: string;
  port: number;
  joinCode: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

const cli = new URL('../src/cli.ts', import.meta.url).pathname;

/** Starts `src/cli.ts --json` and resolves with the line it prints once it listens. */
export function startChildBoard(args: string[]): Promise<ChildBoard> {
  const child = spawn(process.execPath, [cli, '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      const info = JSON.parse(line) as { url: string; port: number; joinCode: string };
      resolve({ ...info, process: child, exited });
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the board exited (${code ?? signal}) before listening: ${stderr.trim()}`)),
    );
  });
}

export async function killChild(
  board: ChildBoard | undefined,
  signal: NodeJS.Signals = 'SIGKILL',
): Promise<void> {
  if (!board || board.process.exitCode !== null || board.process.signalCode !== null) return;
  board.process.kill(signal);
  await board.exited;
}

export const sampleResults = [
  { id: 'ping', title: 'Answers PING', status: 'pass' },
  { id: 'set-get', title: 'SET then GET', status: 'fail', reason: 'GET returned nil' },
  { id: 'persist', title: 'Survives a restart', status: 'not-run' },
];

/**
 * Runs `start` on a port below Linux's ephemeral range (32768-60999), for tests that restart a board on
 * the same port: an outgoing connection of another process never takes such a port in between, as it
 * could take one that port 0 had handed out. A port another server holds is skipped.
 */
export async function onRestartablePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      return await start(20_000 + Math.floor(Math.random() * 12_000));
    } catch (error) {
      if (!/is in use/.test(String(error))) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

export function startChildBoardForRestart(args: string[]): Promise<ChildBoard> {
  return onRestartablePort((port) => startChildBoard([...args, '--port', String(port)]));
}
