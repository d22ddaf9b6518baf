/**
 * Builds the per-request GraphQL context: a call-counting view of the shared client, a
 * de-duplicating reader over it, and fresh loaders.
 */
import type { AtlasCallEvent, AtlasReader } from '../atlas/reader.js';
import { createLoaders } from '../loaders/index.js';
import { createRequestReader } from '../loaders/request-reader.js';
import type { Logger } from '../observability/logger.js';
import type { GraphQLContext, RequestStats } from '../schema/context.js';
import type { ServerSettings } from './settings.js';

/**
 * Atlas calls one operation keeps in flight at most. Atlas rate-limits per endpoint set, so a
 * burst of hundreds of parallel reads from one query only trades queueing here for 429s there.
 */
const MAX_CONCURRENT_ATLAS_CALLS = 16;

/** Anything that can hand out a per-request view reporting each Atlas call. */
export interface ListenableReader {
  withCallListener(listener: (event: AtlasCallEvent) => void): AtlasReader;
}

/** Inputs to `createContext`. */
export interface CreateContextOptions {
  client: ListenableReader;
  settings: ServerSettings;
  logger: Logger;
  now?: () => number;
  /** Receives every call, for process-wide metrics. */
  onCall?: (event: AtlasCallEvent) => void;
}

/** Creates the context for one GraphQL operation. */
export function createContext(options: CreateContextOptions): GraphQLContext {
  const stats: RequestStats = { atlasCalls: 0, cacheHits: 0, httpRequests: 0, resultNodes: 0 };
  const now = options.now ?? Date.now;
  const { settings } = options;
  const view = options.client.withCallListener((event) => {
    stats.atlasCalls += 1;
    stats.httpRequests += event.httpRequests;
    if (event.cached) stats.cacheHits += 1;
    options.onCall?.(event);
  });
  const atlas = createRequestReader(view, {
    maxCalls: settings.maxAtlasCallsPerOperation,
    maxConcurrent: MAX_CONCURRENT_ATLAS_CALLS,
    deadline: now() + settings.operationTimeoutMs,
    now,
  });
  return {
    atlas,
    loaders: createLoaders(atlas),
    settings,
    logger: options.logger,
    now,
    stats,
  };
}
