/**
 * Token buckets per (public key, endpoint set), like Atlas's rate limiting. Atlas publishes no
 * per-endpoint numbers, so capacity and refill rate are options.
 */

/** Bucket size and refill rate. */
export interface RateLimitSettings {
  /** Maximum tokens in a bucket; one request takes one token. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

/** Result of taking a token. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until one token is back; set only when `allowed` is false. */
  retryAfterSeconds?: number;
}

/** A set of token buckets keyed by an arbitrary string. */
export class TokenBuckets {
  readonly settings: RateLimitSettings;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();

  constructor(settings: RateLimitSettings, now: () => number) {
    if (!(settings.capacity >= 1) || !(settings.refillPerSecond > 0)) {
      throw new RangeError(
        `Invalid rate limit ${JSON.stringify(settings)}: expected capacity >= 1 and ` +
          'refillPerSecond > 0.',
      );
    }
    this.settings = settings;
    this.#now = now;
  }

  /** Takes one token from the bucket for `key`, refilling it for the time that passed. */
  take(key: string): RateLimitDecision {
    const now = this.#now();
    const { capacity, refillPerSecond } = this.settings;
    const bucket = this.#buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000;
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsedSeconds * refillPerSecond);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond));
    return { allowed: false, remaining: 0, retryAfterSeconds };
  }

  /**
   * Expresses the refill rate as Atlas does: `refillRate` tokens every `refillDurationSeconds`.
   */
  refillTerms(): { refillRate: number; refillDurationSeconds: number } {
    const { refillPerSecond } = this.settings;
    if (refillPerSecond >= 1) return { refillRate: refillPerSecond, refillDurationSeconds: 1 };
    return { refillRate: 1, refillDurationSeconds: Math.ceil(1 / refillPerSecond) };
  }
}
