/**
 * A request-scoped AtlasReader that shares one promise between identical calls, so a path is
 * read at most once per GraphQL operation however many resolvers ask for it. Failures are
 * shared too, but only for this operation: the memo is dropped with the request.
 */
import type { AtlasReader, QueryParams } from '../atlas/reader.js';

/** Builds a stable memo key: the query is sorted so parameter order does not split entries. */
function memoKey(kind: 'get' | 'list', path: string, query?: QueryParams): string {
  if (!query) return `${kind} ${path}`;
  const entries = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${kind} ${path} ${JSON.stringify(entries)}`;
}

/** Wraps `reader` so identical `get`/`list` calls within one request run once. */
export function createRequestReader(reader: AtlasReader): AtlasReader {
  const memo = new Map<string, Promise<unknown>>();

  const once = <T>(key: string, run: () => Promise<T>): Promise<T> => {
    let pending = memo.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = run();
      memo.set(key, pending);
    }
    return pending;
  };

  return {
    credentialId: reader.credentialId,
    get: <T>(path: string, query?: QueryParams) =>
      once(memoKey('get', path, query), () => reader.get<T>(path, query)),
    list: <T>(path: string, query?: QueryParams) =>
      once(memoKey('list', path, query), () => reader.list<T>(path, query)),
  };
}
