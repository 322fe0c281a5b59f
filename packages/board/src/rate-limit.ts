// Token buckets keyed by client: `burst` requests at once, refilled at `perSecond`. Idle buckets are
// forgotten, and the number of keys is capped, so a flood of new keys cannot grow memory without bound.

export interface RateLimit {
  /** Requests a client may make at once. */
  burst: number;
  /** Requests per second a client may keep up. */
  perSecond: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limit: RateLimit;
  private readonly maxKeys: number;

  constructor(limit: RateLimit, maxKeys = 10_000) {
    if (!(limit.burst >= 1) || !(limit.perSecond > 0))
      throw new Error(`a rate limit needs burst >= 1 and perSecond > 0, got ${JSON.stringify(limit)}`);
    this.limit = limit;
    this.maxKeys = maxKeys;
  }

  /** Takes one token for `key`; returns 0 when allowed, or the seconds to wait before the next one is. */
  take(key: string, now = Date.now()): number {
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(
        this.limit.burst,
        bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond,
      );
      bucket.at = now;
    } else {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      bucket = { tokens: this.limit.burst, at: now };
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.limit.perSecond));
  }

  /** Whether `key` has a token left, without taking it. */
  peek(key: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(key);
    if (!bucket) return true;
    return bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond >= 1;
  }

  private prune(now: number): void {
    const refillMs = (this.limit.burst / this.limit.perSecond) * 1000;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= refillMs) this.buckets.delete(key);
    // Still full of busy keys: drop the oldest half (a flood of distinct keys; each restarts full).
    if (this.buckets.size >= this.maxKeys) {
      const keys = [...this.buckets.keys()].slice(0, Math.ceil(this.buckets.size / 2));
      for (const key of keys) this.buckets.delete(key);
    }
  }
}
