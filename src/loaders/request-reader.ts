/**
 * A request-scoped AtlasReader that shares one promise between identical calls, so a path is
 * read at most once per GraphQL operation however many resolvers ask for it. Failures are
 * shared too, but only for this operation: the memo is dropped with the request.
 *
 * It also enforces the per-operation limits that keep one query from turning into an
 * unbounded number of Atlas calls: a budget of distinct calls, a cap on calls in flight, and a
 * deadline after which no new call starts.
 */
import type { AtlasReader, QueryParams } from '../atlas/reader.js';
import { AtlasApiError, ErrorCode } from '../atlas/errors.js';

/** Limits for one operation. */
export interface RequestLimits {
  /** Maximum distinct calls the operation may start. */
  maxCalls: number;
  /** Maximum calls in flight at once; the rest wait their turn. */
  maxConcurrent: number;
  /** Clock time (ms) after which no new call starts. */
  deadline: number;
  now: () => number;
}

/** Limits that never bind, for tools that run one trusted operation. */
export const UNLIMITED: RequestLimits = {
  maxCalls: Number.POSITIVE_INFINITY,
  maxConcurrent: Number.POSITIVE_INFINITY,
  deadline: Number.POSITIVE_INFINITY,
  now: Date.now,
};

/** Builds a stable memo key: the query is sorted so parameter order does not split entries. */
function memoKey(kind: 'get' | 'list', path: string, query?: QueryParams): string {
  if (!query) return `${kind} ${path}`;
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return `${kind} ${path} ${JSON.stringify(entries)}`;
}

/** Creates the error for a call a per-operation limit stopped before it was sent. */
export function limitError(path: string, code: ErrorCode, hint: string): AtlasApiError {
  return new AtlasApiError({ code, status: 0, hint, path: `/api/atlas/v2${path}`, sent: false });
}

/** Wraps `reader` so identical calls within one request run once, within `limits`. */
export function createRequestReader(reader: AtlasReader, limits: RequestLimits = UNLIMITED): AtlasReader {
  const memo = new Map<string, Promise<unknown>>();
  const waiting: (() => void)[] = [];
  let started = 0;
  let inFlight = 0;

  const acquire = async () => {
    while (inFlight >= limits.maxConcurrent) await new Promise<void>((resume) => waiting.push(resume));
    inFlight += 1;
  };
  const release = () => {
    inFlight -= 1;
    waiting.shift()?.();
  };

  const run = async <T>(path: string, call: () => Promise<T>): Promise<T> => {
    started += 1;
    if (started > limits.maxCalls) {
      throw limitError(path, ErrorCode.QUERY_TOO_LARGE,
        `This query needs more than ${limits.maxCalls} Atlas calls: narrow it, or raise ` +
          'ATLAS_MAX_CALLS_PER_OPERATION.');
    }
    await acquire();
    try {
      if (limits.now() > limits.deadline) {
        throw limitError(path, ErrorCode.UPSTREAM_TIMEOUT,
          'The operation ran past OPERATION_TIMEOUT_MS before this read started: narrow the ' +
            'query or retry when Atlas is faster.');
      }
      return await call();
    } finally {
      release();
    }
  };

  const once = <T>(key: string, path: string, call: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = run(path, call);
      memo.set(key, pending);
    }
    return pending;
  };

  return {
    credentialId: reader.credentialId,
    get: <T>(path: string, query?: QueryParams) =>
      once(memoKey('get', path, query), path, () => reader.get<T>(path, query)),
    list: <T>(path: string, query?: QueryParams) =>
      once(memoKey('list', path, query), path, () => reader.list<T>(path, query)),
  };
}
