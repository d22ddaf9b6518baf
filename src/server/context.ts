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
  const stats: RequestStats = { atlasCalls: 0, cacheHits: 0, httpRequests: 0 };
  const view = options.client.withCallListener((event) => {
    stats.atlasCalls += 1;
    stats.httpRequests += event.httpRequests;
    if (event.cached) stats.cacheHits += 1;
    options.onCall?.(event);
  });
  const atlas = createRequestReader(view);
  return {
    atlas,
    loaders: createLoaders(atlas),
    settings: options.settings,
    logger: options.logger,
    now: options.now ?? Date.now,
    stats,
  };
}
