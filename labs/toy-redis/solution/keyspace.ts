// The data: 16 databases of string keys and values. Keys and values are held as one-byte ('latin1')
// strings, each char one byte, so they stay binary-safe while V8 hashes and stores them compactly.
// Expiry times are absolute unix milliseconds, kept apart from the values like Redis's `expires` dict,
// so keys without a TTL cost nothing extra. Every change goes through Keyspace, which tells the
// append-only log.

export const DATABASE_COUNT = 16;

/** Absolute unix time in ms; a bigint only beyond 2^53, which Redis allows up to 2^63 - 1. */
export type Expiry = number | bigint;

/** Receives every change, in order (the append-only log). */
export interface ChangeListener {
  set(db: number, key: string, value: string, expireAt: Expiry | undefined): void;
  delete(db: number, keys: string[]): void;
  flush(db: number | 'all'): void;
}

export class Database {
  readonly values = new Map<string, string>();
  readonly expires = new Map<string, Expiry>();
  private sweepCursor: Iterator<[string, Expiry]> | undefined;

  /** The key's value, or undefined; a key whose time has passed is deleted first (lazy expiry). */
  get(key: string): string | undefined {
    const value = this.values.get(key);
    if (value === undefined || this.expires.size === 0) return value;
    const expireAt = this.expires.get(key);
    if (expireAt !== undefined && expireAt < Date.now()) {
      this.values.delete(key);
      this.expires.delete(key);
      return undefined;
    }
    return value;
  }

  /** The expiry of a key known to be live, or undefined when it has none. */
  expiry(key: string): Expiry | undefined {
    return this.expires.size === 0 ? undefined : this.expires.get(key);
  }

  /**
   * Deletes up to `budget` expired keys' worth of checks, resuming where the last call stopped, so
   * keys nobody reads again still go away (Redis's active expire cycle) without long pauses.
   */
  sweep(now: number, budget: number): void {
    for (let checked = 0; checked < budget && this.expires.size > 0; checked++) {
      this.sweepCursor ??= this.expires.entries();
      const next = this.sweepCursor.next();
      if (next.done) {
        this.sweepCursor = undefined;
        return;
      }
      const [key, expireAt] = next.value;
      if (expireAt < now) {
        this.values.delete(key);
        this.expires.delete(key);
      }
    }
  }

  /** Live keys, sorted bytewise (one-byte strings compare like their bytes). */
  liveKeys(): string[] {
    const keys: string[] = [];
    for (const key of this.values.keys()) if (this.get(key) !== undefined) keys.push(key);
    return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

export class Keyspace {
  readonly databases: Database[] = Array.from({ length: DATABASE_COUNT }, () => new Database());
  listener: ChangeListener | undefined;

  db(index: number): Database {
    return this.databases[index] as Database;
  }

  /** Sets a value; `expireAt` undefined removes any TTL, `keepTtl` keeps the current one. */
  set(db: number, key: string, value: string, expireAt: Expiry | undefined, keepTtl = false): void {
    const database = this.db(db);
    database.values.set(key, value);
    if (keepTtl) {
      expireAt = database.expiry(key);
    } else if (expireAt === undefined) {
      if (database.expires.size !== 0) database.expires.delete(key);
    } else {
      database.expires.set(key, expireAt);
    }
    this.listener?.set(db, key, value, expireAt);
  }

  /** Deletes the live keys among `keys`; returns how many there were (a repeated key counts once). */
  delete(db: number, keys: string[]): number {
    const database = this.db(db);
    const deleted: string[] = [];
    for (const key of keys) {
      if (database.get(key) === undefined) continue;
      database.values.delete(key);
      database.expires.delete(key);
      deleted.push(key);
    }
    if (deleted.length > 0) this.listener?.delete(db, deleted);
    return deleted.length;
  }

  flush(db: number | 'all'): void {
    for (const [index, database] of this.databases.entries()) {
      if (db !== 'all' && db !== index) continue;
      database.values.clear();
      database.expires.clear();
    }
    this.listener?.flush(db);
  }

  sweep(now: number, budgetPerDatabase: number): void {
    for (const database of this.databases) database.sweep(now, budgetPerDatabase);
  }
}
