// The commands: lookup, arity, MULTI queueing and every handler, with Redis 7.0's exact replies and
// error texts (checked byte for byte against redis-server 7.0 by test/solution-vs-redis.docker.test.ts).

import type { Int64 } from './int64.ts';
import { addInt64, INT64_MAX, INT64_MIN, normalize, parseInt64String } from './int64.ts';
import type { Expiry, Keyspace } from './keyspace.ts';
import { DATABASE_COUNT } from './keyspace.ts';
import {
  arrayHeader,
  bulk,
  bulkArray,
  EMPTY_ARRAY,
  error,
  integer,
  NULL_BULK,
  OK,
  PONG,
  QUEUED,
} from './replies.ts';
import type { RequestArgs } from './request-args.ts';

const NOT_INTEGER = error('ERR value is not an integer or out of range');
const OVERFLOW = error('ERR increment or decrement would overflow');
const SYNTAX = error('ERR syntax error');
const INVALID_EXPIRE = error("ERR invalid expire time in 'set' command");
const EXEC_ABORTED = error('EXECABORT Transaction discarded because of previous errors.');

/** One connection's state. Replies accumulate in `out`; the server sends them in one write. */
export class Session {
  db = 0;
  out = '';
  name: string | undefined;
  /** Commands queued since MULTI; undefined outside a transaction. */
  transaction: QueuedCommand[] | undefined;
  /** A command was refused while queueing, so EXEC must abort (EXECABORT). */
  transactionFailed = false;
  /** QUIT: the connection closes once the replies so far are written. */
  closeAfterReply = false;
}

interface QueuedCommand {
  command: Command;
  args: RequestArgs;
}

interface Command {
  /** The name Redis's errors use: 'get', 'config|get'. */
  fullName: string;
  /** Redis's arity: n means exactly n arguments counting the name, -n means at least n. */
  arity: number;
  run(session: Session, args: RequestArgs): void;
  /** Subcommands of a container command (CONFIG, CLIENT, COMMAND), by packed name. */
  subcommands?: Map<number, Command>;
  /** Runs at once inside MULTI instead of being queued (MULTI, EXEC, DISCARD, QUIT). */
  immediate?: boolean;
}

/** What INFO and CONFIG GET report about the running server. */
export interface ServerFacts {
  dir: string;
  port(): number;
  connectedClients(): number;
  startedAt: number;
}

/**
 * A command name packed into a number, 5 bits per letter, case-insensitively: table lookups without
 * building a string. Names of up to 10 letters fit; anything else is no command (-1).
 */
function packName(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > 10) return -1;
  let packed = 0;
  for (let i = start; i < end; i++) {
    const lower = (bytes[i] as number) | 0x20;
    if (lower < 97 || lower > 122) return -1;
    packed = packed * 32 + (lower - 96);
  }
  return packed;
}

function packArg(args: RequestArgs, index: number): number {
  return packName(args.buf, args.starts[index] as number, args.ends[index] as number);
}

/** An argument the way C's %.Ns prints it: up to the first NUL byte, at most `limit` bytes. */
function printed(args: RequestArgs, index: number, limit: number): string {
  const bytes = args.buf.subarray(args.starts[index], args.ends[index]);
  const nul = bytes.indexOf(0);
  return bytes.toString('latin1', 0, Math.min(nul === -1 ? bytes.length : nul, limit));
}

/** Redis replaces CR and LF in error messages that echo user input, keeping the reply one line. */
function oneLine(message: string): string {
  return message.replace(/[\r\n]/g, ' ');
}

function unknownCommandMessage(args: RequestArgs): string {
  let quoted = '';
  for (let i = 1; i < args.count && quoted.length < 128; i++) {
    quoted += `'${printed(args, i, 128 - quoted.length)}' `;
  }
  return oneLine(`ERR unknown command '${printed(args, 0, 128)}', with args beginning with: ${quoted}`);
}

function arityMessage(command: Command): string {
  return `ERR wrong number of arguments for '${command.fullName}' command`;
}

function arityAccepts(arity: number, count: number): boolean {
  return arity >= 0 ? count === arity : count >= -arity;
}

type ExpireUnit = 'EX' | 'PX' | 'EXAT' | 'PXAT';

/** SET's expire argument as an absolute time, or the error reply Redis gives for it. */
function expireTime(text: string, unit: ExpireUnit, now: number): Expiry | string {
  const amount = parseInt64String(text);
  if (amount === undefined) return NOT_INTEGER;
  const seconds = unit === 'EX' || unit === 'EXAT';
  if (amount <= 0 || (seconds && amount > INT64_MAX / 1000n)) return INVALID_EXPIRE;
  let milliseconds = BigInt(amount) * (seconds ? 1000n : 1n);
  if (unit === 'EX' || unit === 'PX') milliseconds += BigInt(now);
  // Redis adds in signed 64 bits: a sum past the maximum wraps negative and is refused.
  if (milliseconds > INT64_MAX) return INVALID_EXPIRE;
  return normalize(milliseconds);
}

/** Remaining time of an expiry in ms, never below 0 (a key expiring this very ms is still live). */
function remaining(expireAt: Expiry, now: number): Int64 {
  if (typeof expireAt === 'number') return Math.max(expireAt - now, 0);
  const left = expireAt - BigInt(now);
  return left > 0n ? normalize(left) : 0;
}

/**
 * COMPACT's quoting: a word with whitespace, a quote, a backslash or a non-printable byte (or an
 * empty one) is written in double quotes with redis-cli's escapes, so redis-cli-style splitting gets
 * the exact bytes back.
 */
export function quoteWord(word: string): string {
  let plain = word.length > 0;
  for (let i = 0; i < word.length && plain; i++) {
    const code = word.charCodeAt(i);
    plain = code > 32 && code < 127 && code !== 34 && code !== 39 && code !== 92;
  }
  if (plain) return word;
  let quoted = '"';
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code === 34) quoted += '\\"';
    else if (code === 92) quoted += '\\\\';
    else if (code === 10) quoted += '\\n';
    else if (code === 13) quoted += '\\r';
    else if (code === 9) quoted += '\\t';
    else if (code >= 32 && code < 127) quoted += word[i];
    else quoted += `\\x${code.toString(16).padStart(2, '0')}`;
  }
  return `${quoted}"`;
}

export class Commands {
  private readonly keyspace: Keyspace;
  private readonly facts: ServerFacts;
  /** Rewrites the append-only log from the live data (COMPACT). */
  private readonly compactLog: () => void;
  private readonly table = new Map<number, Command>();
  private readonly exec: Command;

  constructor(keyspace: Keyspace, facts: ServerFacts, compactLog: () => void) {
    this.keyspace = keyspace;
    this.facts = facts;
    this.compactLog = compactLog;
    this.exec = this.define('exec', 1, (session) => this.runExec(session), { immediate: true });
    this.defineAll();
  }

  /** Runs (or, inside MULTI, queues) one request, appending its reply to `session.out`. */
  execute(session: Session, args: RequestArgs): void {
    const command = this.lookup(args);
    if (typeof command === 'string') {
      this.refuse(session, command);
      return;
    }
    if (!arityAccepts(command.arity, args.count)) {
      if (command === this.exec && session.transaction !== undefined) {
        session.transaction = undefined;
        session.transactionFailed = false;
        session.out += error(`EXECABORT Transaction discarded because of: ${arityMessage(command).slice(4)}`);
        return;
      }
      this.refuse(session, arityMessage(command));
      return;
    }
    if (session.transaction !== undefined && command.immediate !== true) {
      session.transaction.push({ command, args: args.copy() });
      session.out += QUEUED;
      return;
    }
    command.run(session, args);
  }

  /** The command, or the error message for an unknown command or subcommand. */
  private lookup(args: RequestArgs): Command | string {
    const command = this.table.get(packArg(args, 0));
    if (command === undefined) return unknownCommandMessage(args);
    if (command.subcommands === undefined || args.count === 1) return command;
    const subcommand = command.subcommands.get(packArg(args, 1));
    if (subcommand !== undefined) return subcommand;
    const container = command.fullName.toUpperCase();
    return oneLine(`ERR unknown subcommand '${printed(args, 1, 128)}'. Try ${container} HELP.`);
  }

  /** A refused command's error; inside MULTI it also dooms the transaction, like Redis. */
  private refuse(session: Session, message: string): void {
    session.out += error(message);
    if (session.transaction !== undefined) session.transactionFailed = true;
  }

  private define(
    name: string,
    arity: number,
    run: (session: Session, args: RequestArgs) => void,
    options: { immediate?: boolean; subcommands?: Command[] } = {},
  ): Command {
    const command: Command = { fullName: name, arity, run };
    if (options.immediate === true) command.immediate = true;
    if (options.subcommands !== undefined) {
      command.subcommands = new Map();
      for (const subcommand of options.subcommands) {
        const subName = subcommand.fullName.slice(subcommand.fullName.indexOf('|') + 1);
        command.subcommands.set(packName(Buffer.from(subName), 0, subName.length), subcommand);
      }
    }
    if (!name.includes('|')) this.table.set(packName(Buffer.from(name), 0, name.length), command);
    return command;
  }

  private defineAll(): void {
    const { keyspace } = this;
    // PING's table arity accepts any count (so MULTI queues `PING a b`); the handler refuses > 2.
    const ping = this.define('ping', -1, (session, args) => {
      if (args.count > 2) session.out += error(arityMessage(ping));
      else session.out += args.count === 2 ? bulk(args.string(1)) : PONG;
    });
    this.define('echo', 2, (session, args) => {
      session.out += bulk(args.string(1));
    });
    this.define('get', 2, (session, args) => {
      const value = keyspace.db(session.db).get(args.lookupString(1));
      session.out += value === undefined ? NULL_BULK : bulk(value);
    });
    this.define('set', -3, (session, args) => this.runSet(session, args));
    this.define('del', -2, (session, args) => {
      const keys: string[] = [];
      for (let i = 1; i < args.count; i++) keys.push(args.string(i));
      session.out += integer(keyspace.delete(session.db, keys));
    });
    this.define('exists', -2, (session, args) => {
      const database = keyspace.db(session.db);
      let found = 0;
      for (let i = 1; i < args.count; i++) if (database.get(args.lookupString(i)) !== undefined) found++;
      session.out += integer(found);
    });
    this.define('incr', 2, (session, args) => this.incrementBy(session, args, 1));
    this.define('decr', 2, (session, args) => this.incrementBy(session, args, -1));
    this.define('incrby', 3, (session, args) => {
      const increment = parseInt64String(args.string(2));
      if (increment === undefined) session.out += NOT_INTEGER;
      else this.incrementBy(session, args, increment);
    });
    this.define('decrby', 3, (session, args) => {
      const decrement = parseInt64String(args.string(2));
      if (decrement === undefined) session.out += NOT_INTEGER;
      else if (decrement === INT64_MIN) session.out += error('ERR decrement would overflow');
      else
        this.incrementBy(session, args, typeof decrement === 'bigint' ? normalize(-decrement) : -decrement);
    });
    this.define('ttl', 2, (session, args) => this.timeToLive(session, args, 1000));
    this.define('pttl', 2, (session, args) => this.timeToLive(session, args, 1));
    this.define(
      'multi',
      1,
      (session) => {
        if (session.transaction !== undefined) {
          session.out += error('ERR MULTI calls can not be nested');
          return;
        }
        session.transaction = [];
        session.transactionFailed = false;
        session.out += OK;
      },
      { immediate: true },
    );
    this.define(
      'discard',
      1,
      (session) => {
        if (session.transaction === undefined) {
          session.out += error('ERR DISCARD without MULTI');
          return;
        }
        session.transaction = undefined;
        session.transactionFailed = false;
        session.out += OK;
      },
      { immediate: true },
    );
    this.define('select', 2, (session, args) => {
      const index = parseInt64String(args.string(1));
      if (index === undefined) session.out += NOT_INTEGER;
      else if (index < -2147483648 || index > 2147483647) {
        session.out += error('ERR value is out of range, value must between -2147483648 and 2147483647');
      } else if (index < 0 || index >= DATABASE_COUNT) session.out += error('ERR DB index is out of range');
      else {
        session.db = index as number;
        session.out += OK;
      }
    });
    this.define('compact', 1, (session) => this.runCompact(session));
    this.define('dbsize', 1, (session) => {
      session.out += integer(keyspace.db(session.db).values.size);
    });
    this.define('flushdb', -1, (session, args) => this.runFlush(session, args, session.db));
    this.define('flushall', -1, (session, args) => this.runFlush(session, args, 'all'));
    this.define('info', -1, (session) => {
      session.out += bulk(this.info());
    });
    this.define(
      'quit',
      -1,
      (session) => {
        session.out += OK;
        session.closeAfterReply = true;
      },
      { immediate: true },
    );
    // What clients send on connect. redis-cli asks for COMMAND DOCS (an empty answer makes it fall
    // back to its built-in help), redis-benchmark for CONFIG GET save and appendonly, ioredis for INFO.
    this.define(
      'command',
      -1,
      (session) => {
        session.out += EMPTY_ARRAY;
      },
      {
        subcommands: [
          this.define('command|docs', -2, (session) => {
            session.out += EMPTY_ARRAY;
          }),
        ],
      },
    );
    // A container's own handler never runs: with two or more arguments a subcommand is looked up.
    const container = () => {};
    this.define('config', -2, container, {
      subcommands: [this.define('config|get', -3, (session, args) => this.runConfigGet(session, args))],
    });
    this.define('client', -2, container, {
      subcommands: [
        this.define('client|setname', 3, (session, args) => {
          const name = args.string(2);
          for (let i = 0; i < name.length; i++) {
            const code = name.charCodeAt(i);
            if (code < 33 || code > 126) {
              session.out += error('ERR Client names cannot contain spaces, newlines or special characters.');
              return;
            }
          }
          session.name = name === '' ? undefined : name;
          session.out += OK;
        }),
        this.define('client|getname', 2, (session) => {
          session.out += session.name === undefined ? NULL_BULK : bulk(session.name);
        }),
      ],
    });
  }

  private runSet(session: Session, args: RequestArgs): void {
    const { keyspace } = this;
    if (args.count === 3) {
      keyspace.set(session.db, args.string(1), args.string(2), undefined);
      session.out += OK;
      return;
    }
    // Redis's option grammar: NX/XX exclude each other, at most one kind of expiry (repeating the
    // same kind is allowed, the last one wins), KEEPTTL excludes every expiry.
    let onlyIfMissing = false;
    let onlyIfPresent = false;
    let returnOld = false;
    let keepTtl = false;
    let unit: ExpireUnit | undefined;
    let expireIndex = -1;
    for (let i = 3; i < args.count; i++) {
      const hasNext = i < args.count - 1;
      if (args.is(i, 'NX') && !onlyIfPresent) onlyIfMissing = true;
      else if (args.is(i, 'XX') && !onlyIfMissing) onlyIfPresent = true;
      else if (args.is(i, 'GET')) returnOld = true;
      else if (args.is(i, 'KEEPTTL') && unit === undefined) keepTtl = true;
      else {
        const kind = (['EX', 'PX', 'EXAT', 'PXAT'] as const).find((name) => args.is(i, name));
        if (kind === undefined || keepTtl || (unit !== undefined && unit !== kind) || !hasNext) {
          session.out += SYNTAX;
          return;
        }
        unit = kind;
        expireIndex = ++i;
      }
    }
    let expireAt: Expiry | undefined;
    if (unit !== undefined) {
      const time = expireTime(args.string(expireIndex), unit, Date.now());
      if (typeof time === 'string') {
        session.out += time;
        return;
      }
      expireAt = time;
    }
    const key = args.string(1);
    const old = keyspace.db(session.db).get(key);
    const oldReply = old === undefined ? NULL_BULK : bulk(old);
    if ((onlyIfMissing && old !== undefined) || (onlyIfPresent && old === undefined)) {
      session.out += returnOld ? oldReply : NULL_BULK;
      return;
    }
    keyspace.set(session.db, key, args.string(2), expireAt, keepTtl);
    session.out += returnOld ? oldReply : OK;
  }

  private incrementBy(session: Session, args: RequestArgs, increment: Int64): void {
    const key = args.string(1);
    const old = this.keyspace.db(session.db).get(key);
    let current: Int64 = 0;
    if (old !== undefined) {
      const parsed = parseInt64String(old);
      if (parsed === undefined) {
        session.out += NOT_INTEGER;
        return;
      }
      current = parsed;
    }
    const next = addInt64(current, increment);
    if (next === undefined) {
      session.out += OVERFLOW;
      return;
    }
    // INCR keeps the key's TTL, as in Redis.
    this.keyspace.set(session.db, key, String(next), undefined, true);
    session.out += integer(next);
  }

  private timeToLive(session: Session, args: RequestArgs, unitMs: 1 | 1000): void {
    const database = this.keyspace.db(session.db);
    const key = args.lookupString(1);
    if (database.get(key) === undefined) {
      session.out += integer(-2);
      return;
    }
    const expireAt = database.expiry(key);
    if (expireAt === undefined) {
      session.out += integer(-1);
      return;
    }
    const left = remaining(expireAt, Date.now());
    if (unitMs === 1) session.out += integer(left);
    // Redis rounds to the nearest second.
    else
      session.out += integer(
        typeof left === 'bigint' ? (left + 500n) / 1000n : Math.floor((left + 500) / 1000),
      );
  }

  private runExec(session: Session): void {
    const queued = session.transaction;
    if (queued === undefined) {
      session.out += error('ERR EXEC without MULTI');
      return;
    }
    session.transaction = undefined;
    if (session.transactionFailed) {
      session.transactionFailed = false;
      session.out += EXEC_ABORTED;
      return;
    }
    session.out += arrayHeader(queued.length);
    for (const { command, args } of queued) command.run(session, args);
  }

  private runFlush(session: Session, args: RequestArgs, db: number | 'all'): void {
    if (args.count > 2 || (args.count === 2 && !args.is(1, 'ASYNC') && !args.is(1, 'SYNC'))) {
      session.out += SYNTAX;
      return;
    }
    this.keyspace.flush(db);
    session.out += OK;
  }

  /** COMPACT: one SET line per live key of the session's database, then a rewrite of the log. */
  private runCompact(session: Session): void {
    const database = this.keyspace.db(session.db);
    const now = Date.now();
    const lines: string[] = [];
    for (const key of database.liveKeys()) {
      let line = `SET ${quoteWord(key)} ${quoteWord(database.values.get(key) as string)}`;
      const expireAt = database.expiry(key);
      // A key expiring this very millisecond is live; PX needs at least 1.
      if (expireAt !== undefined) line += ` PX ${remaining(expireAt, now) || 1}`;
      lines.push(line);
    }
    this.compactLog();
    session.out += bulkArray(lines);
  }

  private runConfigGet(session: Session, args: RequestArgs): void {
    const settings: Record<string, string> = {
      save: '',
      appendonly: 'yes',
      appendfsync: 'everysec',
      dir: this.facts.dir,
      databases: String(DATABASE_COUNT),
    };
    const pairs: string[] = [];
    const seen = new Set<string>();
    for (let i = 2; i < args.count; i++) {
      const name = args.string(i).toLowerCase();
      const value = settings[name];
      if (value === undefined || seen.has(name)) continue;
      seen.add(name);
      pairs.push(name, value);
    }
    session.out += bulkArray(pairs);
  }

  private info(): string {
    const { facts } = this;
    const lines = [
      '# Server',
      // The version this server imitates, for clients that look at it.
      'redis_version:7.0.15',
      'redis_mode:standalone',
      `process_id:${process.pid}`,
      `tcp_port:${facts.port()}`,
      `uptime_in_seconds:${Math.floor((Date.now() - facts.startedAt) / 1000)}`,
      '',
      '# Clients',
      `connected_clients:${facts.connectedClients()}`,
      '',
      '# Persistence',
      'loading:0',
      'aof_enabled:1',
      '',
      '# Keyspace',
    ];
    for (const [index, database] of this.keyspace.databases.entries()) {
      if (database.values.size > 0) {
        lines.push(`db${index}:keys=${database.values.size},expires=${database.expires.size},avg_ttl=0`);
      }
    }
    return `${lines.join('\r\n')}\r\n`;
  }
}
