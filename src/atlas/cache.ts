/**
 * A bounded cross-request cache of successful Atlas reads, shared by any number of clients.
 * Only values are stored: a failed read settles its waiting callers and leaves nothing behind,
 * so the next request calls Atlas again.
 */
import { LRUCache } from 'lru-cache';

/** Settings for `AtlasResponseCache`. */
export interface AtlasResponseCacheOptions {
  /** Maximum number of stored responses. Default 5000 entries. */
  max?: number;
  /** How long a response is served after it was fetched. Default 60 000 ms. */
  ttlMs?: number;
  /** Monotonic clock in milliseconds used for the TTL. Default `performance.now`. */
  now?: () => number;
}

/** Source of a value returned by `AtlasResponseCache.load`. */
export type CacheSource = 'fetched' | 'cached' | 'shared';

/** The parts that identify one cached read. */
export interface CacheKeyParts {
  credentialId: string;
  kind: 'get' | 'list';
  /** Path relative to `/api/atlas/v2`, without the query. */
  path: string;
  /** Query as `[name, value]` pairs; order does not matter. */
  query: readonly (readonly [string, string])[];
  version: string;
}

/** Orders query pairs by name, then by value. */
function comparePairs(left: readonly [string, string], right: readonly [string, string]): number {
  if (left[0] !== right[0]) return left[0] < right[0] ? -1 : 1;
  if (left[1] !== right[1]) return left[1] < right[1] ? -1 : 1;
  return 0;
}

/** Stored wrapper, because lru-cache values must be objects. */
interface Entry {
  value: unknown;
}

/** A cross-request response cache keyed by credential, path, sorted query and API version. */
export class AtlasResponseCache {
  readonly #entries: LRUCache<string, Entry>;
  readonly #inFlight = new Map<string, Promise<unknown>>();
  /** Increased by `clear()` so reads started before it do not store their values after it. */
  #generation = 0;

  constructor(options: AtlasResponseCacheOptions = {}) {
    const max = options.max ?? 5000;
    const ttl = options.ttlMs ?? 60_000;
    if (!(Number.isInteger(max) && max > 0 && ttl > 0)) {
      throw new TypeError(`cache max must be a positive integer and ttlMs > 0, got ${max}/${ttl}`);
    }
    // lru-cache reuses one clock reading for `ttlResolution` ms. An injected clock is read on
    // every lookup instead, so that moving it takes effect at once.
    const clock = options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {};
    this.#entries = new LRUCache<string, Entry>({ max, ttl, ...clock });
  }

  /** Builds the key for one read. Two credentials never produce the same key. */
  static key(parts: CacheKeyParts): string {
    const query = [...parts.query].sort(comparePairs);
    return JSON.stringify([parts.credentialId, parts.kind, parts.version, parts.path, query]);
  }

  /** Number of stored responses. */
  get size(): number {
    return this.#entries.size;
  }

  /** Drops every stored response. Reads in flight finish but are not stored. */
  clear(): void {
    this.#entries.clear();
    this.#inFlight.clear();
    this.#generation += 1;
  }

  /**
   * Returns the value for `key`: from the cache, from a fetch already in flight for the same
   * key, or by calling `fetch`. The value is deeply frozen and shared, so a caller that tries
   * to change the result gets a TypeError and cannot change what others receive.
   */
  async load<T>(key: string, fetch: () => Promise<T>): Promise<{ value: T; source: CacheSource }> {
    const hit = this.#entries.get(key);
    if (hit) return { value: hit.value as T, source: 'cached' };

    const pending = this.#inFlight.get(key);
    if (pending) return { value: (await pending) as T, source: 'shared' };

    const generation = this.#generation;
    const fetching = fetch().then(deepFreeze);
    this.#inFlight.set(key, fetching);
    try {
      const value = await fetching;
      if (generation === this.#generation) this.#entries.set(key, { value });
      return { value, source: 'fetched' };
    } finally {
      if (this.#inFlight.get(key) === fetching) this.#inFlight.delete(key);
    }
  }
}

/**
 * Freezes a parsed JSON value in place. Cached values are shared by every caller, so freezing
 * them once, when stored, replaces a defensive copy on every read. A caller that tries to
 * change one gets a TypeError instead of corrupting later responses.
 */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
