/**
 * Builds the per-request GraphQL context: a call-counting view of the shared client, a
 * de-duplicating reader over it, and fresh loaders.
 */
import { ErrorCode } from '../atlas/errors.js';
import type { AtlasCallEvent, AtlasReader } from '../atlas/reader.js';
import { createLoaders } from '../loaders/index.js';
import { createRequestReader, limitError } from '../loaders/request-reader.js';
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
  const deadline = now() + settings.operationTimeoutMs;
  let pagesSent = 0;
  const view = options.client.withCallListener((event) => {
    stats.atlasCalls += 1;
    stats.httpRequests += event.httpRequests;
    if (event.cached) stats.cacheHits += 1;
    options.onCall?.(event);
    if (event.cached) return;
    // The reader checks its limits before a call starts, but one list call can read many
    // pages. Throwing here, after each page, fails that list instead of letting it run on.
    pagesSent += 1;
    if (pagesSent > settings.maxAtlasCallsPerOperation) {
      throw limitError(event.path, ErrorCode.QUERY_TOO_LARGE,
        `This query needs more than ${settings.maxAtlasCallsPerOperation} Atlas requests, list ` +
          'pages included: narrow it, or raise ATLAS_MAX_CALLS_PER_OPERATION.');
    }
    if (now() > deadline) {
      throw limitError(event.path, ErrorCode.UPSTREAM_TIMEOUT,
        'The operation ran past OPERATION_TIMEOUT_MS while reading a list: narrow the query or ' +
          'retry when Atlas is faster.');
    }
  });
  const atlas = createRequestReader(view, {
    maxCalls: settings.maxAtlasCallsPerOperation,
    maxConcurrent: MAX_CONCURRENT_ATLAS_CALLS,
    deadline,
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
