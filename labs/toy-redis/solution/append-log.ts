// Persistence: an append-only log of RESP commands in <dir>/appendonly.aof, replayed on start.
// Each record states a result, not the request that caused it: SET <key> <value> [PXAT <unix ms>],
// DEL <keys that existed>, FLUSHDB, FLUSHALL, with SELECT <db> whenever the database changes. INCR and
// SET KEEPTTL are written as the SET they amount to, so replay needs no clock other than the one the
// PXAT times are measured on, and a key whose time ran out while the server was down stays gone.
// Records are written before the replies that acknowledge them, and fsynced once a second (Redis's
// appendfsync everysec). The log is rewritten to one SET per live key on COMPACT, or by itself when it
// has grown to twice its size after the last rewrite (and at least 64 MB).

import {
  closeSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { parseInt64String } from './int64.ts';
import type { ChangeListener, Expiry, Keyspace } from './keyspace.ts';
import { DATABASE_COUNT } from './keyspace.ts';
import type { RequestArgs } from './request-args.ts';
import { RequestParser } from './request-parser.ts';

export const LOG_FILE_NAME = 'appendonly.aof';
const AUTO_REWRITE_MIN_BYTES = 64 * 1024 * 1024;

function bulk(text: string): string {
  return `$${text.length}\r\n${text}\r\n`;
}

function setRecord(key: string, value: string, expireAt: Expiry | undefined): string {
  if (expireAt === undefined) return `*3\r\n$3\r\nSET\r\n${bulk(key)}${bulk(value)}`;
  return `*5\r\n$3\r\nSET\r\n${bulk(key)}${bulk(value)}$4\r\nPXAT\r\n${bulk(String(expireAt))}`;
}

function selectRecord(db: number): string {
  return `*2\r\n$6\r\nSELECT\r\n${bulk(String(db))}`;
}

/** The records that recreate every live key of `keyspace`: what a rewrite leaves in the file. */
function snapshot(keyspace: Keyspace): string {
  const records: string[] = [];
  for (const [index, database] of keyspace.databases.entries()) {
    const keys = database.liveKeys();
    if (keys.length === 0) continue;
    records.push(selectRecord(index));
    for (const key of keys)
      records.push(setRecord(key, database.values.get(key) as string, database.expiry(key)));
  }
  return records.join('');
}

export class AppendLog implements ChangeListener {
  private readonly path: string;
  private readonly dir: string;
  private readonly keyspace: Keyspace;
  private fd: number;
  private pending = '';
  /** The database the file's last SELECT chose; -1 forces a SELECT before the next record. */
  private selectedDb = -1;
  private size: number;
  private sizeAfterRewrite: number;
  private unsynced = false;
  private readonly fsyncTimer: NodeJS.Timeout;

  /** Replays `<dir>/appendonly.aof` into `keyspace`, then logs every change made to it. */
  constructor(dir: string, keyspace: Keyspace) {
    this.dir = dir;
    this.path = join(dir, LOG_FILE_NAME);
    this.keyspace = keyspace;
    this.size = replay(this.path, keyspace);
    this.sizeAfterRewrite = this.size;
    this.fd = openSync(this.path, 'a');
    keyspace.listener = this;
    this.fsyncTimer = setInterval(() => this.syncInBackground(), 1000);
    this.fsyncTimer.unref();
  }

  set(db: number, key: string, value: string, expireAt: Expiry | undefined): void {
    if (db !== this.selectedDb) this.select(db);
    this.pending += setRecord(key, value, expireAt);
  }

  delete(db: number, keys: string[]): void {
    if (db !== this.selectedDb) this.select(db);
    let record = `*${keys.length + 1}\r\n$3\r\nDEL\r\n`;
    for (const key of keys) record += bulk(key);
    this.pending += record;
  }

  flush(db: number | 'all'): void {
    if (db === 'all') {
      this.pending += '*1\r\n$8\r\nFLUSHALL\r\n';
      return;
    }
    if (db !== this.selectedDb) this.select(db);
    this.pending += '*1\r\n$7\r\nFLUSHDB\r\n';
  }

  private select(db: number): void {
    this.pending += selectRecord(db);
    this.selectedDb = db;
  }

  get hasUnwritten(): boolean {
    return this.pending !== '';
  }

  /** Writes the records gathered so far; called before the replies that acknowledge them go out. */
  write(): void {
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    const written = writeSync(this.fd, text, null, 'latin1');
    if (written !== text.length) writeFully(this.fd, Buffer.from(text, 'latin1').subarray(written));
    this.size += text.length;
    this.unsynced = true;
    if (this.size > Math.max(AUTO_REWRITE_MIN_BYTES, 2 * this.sizeAfterRewrite)) this.rewrite();
  }

  /** Replaces the file with the minimal records for the live data (write, fsync, rename). */
  rewrite(): void {
    this.pending = '';
    const text = snapshot(this.keyspace);
    const temporary = `${this.path}.rewrite`;
    const fd = openSync(temporary, 'w');
    writeFully(fd, Buffer.from(text, 'latin1'));
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temporary, this.path);
    syncDirectory(this.dir);
    closeSync(this.fd);
    this.fd = openSync(this.path, 'a');
    this.selectedDb = -1;
    this.size = text.length;
    this.sizeAfterRewrite = text.length;
    this.unsynced = false;
  }

  close(): void {
    clearInterval(this.fsyncTimer);
    this.write();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.keyspace.listener = undefined;
  }

  private syncInBackground(): void {
    if (!this.unsynced) return;
    this.unsynced = false;
    // A rewrite may close the descriptor meanwhile; the rewrite fsyncs its own file.
    fsync(this.fd, () => {});
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Applies the log at `path` (if any) to `keyspace` and returns the byte length of its complete
 * records. A record cut short by a crash is dropped and the file truncated to match (Redis's
 * aof-load-truncated); anything else unreadable stops the start with the byte offset to look at.
 */
function replay(path: string, keyspace: Keyspace): number {
  let fd: number;
  try {
    fd = openSync(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const parser = new RequestParser();
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    const now = Date.now();
    let db = 0;
    let offset = 0;
    let problem: string | undefined;
    const apply = (args: RequestArgs): boolean => {
      problem = applyRecord(keyspace, db, args, now, (selected) => {
        db = selected;
      });
      return problem === undefined;
    };
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, offset);
      if (read === 0) break;
      const result = parser.feed(chunk.subarray(0, read), apply);
      offset += read;
      if (result.kind === 'protocol-error') problem = result.message;
      if (problem !== undefined) {
        throw new Error(
          `${path} is not a log this server can replay (${problem}, within the ${offset} bytes read)`,
        );
      }
    }
    const complete = offset - parser.unfinishedBytes;
    if (complete < offset) {
      console.error(`${path}: dropped an incomplete last record (${offset - complete} bytes)`);
      ftruncateSync(fd, complete);
    }
    return complete;
  } finally {
    closeSync(fd);
  }
}

/** Applies one record; returns what is wrong with it, if anything. */
function applyRecord(
  keyspace: Keyspace,
  db: number,
  args: RequestArgs,
  now: number,
  select: (db: number) => void,
): string | undefined {
  if (args.is(0, 'SET') && (args.count === 3 || (args.count === 5 && args.is(3, 'PXAT')))) {
    const key = args.string(1);
    if (args.count === 3) {
      keyspace.set(db, key, args.string(2), undefined);
      return undefined;
    }
    const expireAt = parseInt64String(args.string(4));
    if (expireAt === undefined) return 'a SET record with a PXAT time that is not an integer';
    if (expireAt < now) keyspace.delete(db, [key]);
    else keyspace.set(db, key, args.string(2), expireAt);
    return undefined;
  }
  if (args.is(0, 'DEL') && args.count >= 2) {
    const keys: string[] = [];
    for (let i = 1; i < args.count; i++) keys.push(args.string(i));
    keyspace.delete(db, keys);
    return undefined;
  }
  if (args.is(0, 'SELECT') && args.count === 2) {
    const index = parseInt64String(args.string(1));
    if (typeof index !== 'number' || index < 0 || index >= DATABASE_COUNT) return 'a SELECT of no database';
    select(index);
    return undefined;
  }
  if (args.is(0, 'FLUSHDB') && args.count === 1) {
    keyspace.flush(db);
    return undefined;
  }
  if (args.is(0, 'FLUSHALL') && args.count === 1) {
    keyspace.flush('all');
    return undefined;
  }
  return `an unexpected ${JSON.stringify(args.string(0))} record`;
}
