/**
 * The per-request GraphQL context. Everything in it is created for one operation and dropped
 * afterwards, so nothing a request loads (errors included) outlives it except through the
 * client's bounded, credential-scoped response cache.
 */
import type { AtlasReader } from '../atlas/reader.js';
import type { Logger } from '../observability/logger.js';
import type { Loaders } from '../loaders/index.js';
import type { ServerSettings } from '../server/settings.js';

/** Per-operation Atlas call statistics, exposed in debug logs and response extensions. */
export interface RequestStats {
  /** Logical Atlas calls (paged lists count each page), cache hits included. */
  atlasCalls: number;
  /** Calls served from the cross-request cache. */
  cacheHits: number;
  /** HTTP requests sent, digest challenges and retries included. */
  httpRequests: number;
  /** Connection items returned so far, counted against `maxResultNodes`. */
  resultNodes: number;
}

/** Context passed to every resolver. */
export interface GraphQLContext {
  /**
   * Request-scoped Atlas reader: identical `get`/`list` calls within one operation share one
   * promise. Pass it to the functions in src/atlas/resources.
   */
  atlas: AtlasReader;
  /** Request-scoped DataLoaders keyed by what Atlas returns in one call. */
  loaders: Loaders;
  settings: ServerSettings;
  logger: Logger;
  /** Clock for "days since" and `observedAt`; injected so tests can fix time. */
  now: () => number;
  stats: RequestStats;
}
