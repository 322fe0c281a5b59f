// The replies the stages expect, spelled once. Error texts are Redis 7.0's, word for word.
import { type Arg, type Reply, reply } from '../resp.ts';

export const OK = reply.simple('OK');
export const PONG = reply.simple('PONG');
export const QUEUED = reply.simple('QUEUED');
export const NIL = reply.bulk(null);
export const int = (n: number | bigint): Reply => reply.integer(n);
export const bulk = (value: Arg): Reply => reply.bulk(value);
export const array = (items: Reply[]): Reply => reply.array(items);

export const wrongArgs = (command: string): Reply =>
  reply.error(`ERR wrong number of arguments for '${command.toLowerCase()}' command`);
export const NOT_INTEGER = reply.error('ERR value is not an integer or out of range');
export const SYNTAX = reply.error('ERR syntax error');
export const OVERFLOW = reply.error('ERR increment or decrement would overflow');
export const INVALID_EXPIRE = reply.error("ERR invalid expire time in 'set' command");
export const DB_OUT_OF_RANGE = reply.error('ERR DB index is out of range');

/** TTL replies may differ from real Redis's by this many seconds (rounding, and the time between the two servers' replies). */
export const TTL_TOLERANCE_S = 1;
/** PTTL replies may differ from real Redis's by this many milliseconds. */
export const PTTL_TOLERANCE_MS = 250;
