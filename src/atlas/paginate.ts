/**
 * Reads every page of an Atlas paged list. `totalCount` is only an estimate, so it is used to
 * fetch the promised pages in parallel, never to decide that the list has ended.
 */
import { AtlasApiError, ErrorCode } from './errors.js';
import type { Paginated } from './types.js';
import { matchRoute } from './versions.js';

/** Pages fetched at the same time after the first one; kept small to spare the rate limit. */
export const PARALLEL_PAGES = 4;

/**
 * Pages read before the list is declared invalid. At 500 items a page this is 500 000 items,
 * far beyond any real list; it bounds a server that keeps returning full pages.
 */
export const MAX_PAGES = 1000;

/** Paged lists whose endpoints do not take `includeCount`. */
const WITHOUT_INCLUDE_COUNT = new Set([
  '/rateLimits',
  '/orgs/{orgId}/teams/{teamId}/users',
  '/orgs/{orgId}/serviceAccounts',
  '/orgs/{orgId}/serviceAccounts/{clientId}/groups',
  '/groups/{groupId}/serviceAccounts',
]);

/** Returns the paging query parameters to send for `path` and page `pageNum`. */
export function pagingQuery(path: string, itemsPerPage: number, pageNum: number) {
  const template = matchRoute(path)?.template ?? '';
  const count = WITHOUT_INCLUDE_COUNT.has(template) ? {} : { includeCount: true };
  return { ...count, itemsPerPage, pageNum };
}

/** Fetches one page (1-based) and returns its parsed body. */
export type FetchPage = (pageNum: number) => Promise<unknown>;

/** Builds the request-target of a page, for error messages. */
export type PageTarget = (pageNum: number) => string;

/** Checks that a page body is a paged envelope. */
function asEnvelope<T>(body: unknown, target: string): Paginated<T> {
  const results = (body as { results?: unknown } | null)?.results;
  if (!Array.isArray(results)) {
    throw new AtlasApiError({
      code: ErrorCode.UPSTREAM_INVALID_RESPONSE,
      status: 200,
      detail: 'the page has no results array',
      hint: 'Atlas returned a body that is not a paged list; report it if it persists.',
      path: target,
    });
  }
  return body as Paginated<T>;
}

/**
 * True when more pages may follow: the page is full, and it either has a `next` link or has no
 * `links` at all, in which case only the page size is known.
 */
function hasMore(page: Paginated<unknown>, itemsPerPage: number): boolean {
  if (page.results.length < itemsPerPage) return false;
  return page.links === undefined || page.links.some((link) => link.rel === 'next');
}

/** Runs `fetch` for each number with at most `limit` at once; the first failure rejects. */
async function fetchAll(pageNums: number[], limit: number, fetch: FetchPage): Promise<unknown[]> {
  const bodies: unknown[] = new Array(pageNums.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < pageNums.length) {
      const index = next++;
      try {
        bodies[index] = await fetch(pageNums[index]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, pageNums.length) }, worker));
  return bodies;
}

/**
 * Returns every item of a list, in page order. A failed page fails the whole list with that
 * page's error. A body that is a bare JSON array is returned as the whole list.
 */
export async function collectPages<T>(
  fetch: FetchPage,
  target: PageTarget,
  itemsPerPage: number,
): Promise<T[]> {
  const first = await fetch(1);
  if (Array.isArray(first)) return first as T[];
  let page = asEnvelope<T>(first, target(1));
  const items = [...page.results];
  if (!hasMore(page, itemsPerPage)) return items;

  // Pages the estimate promises are fetched in parallel, then read in order up to a short page.
  const promised = Math.min(MAX_PAGES, Math.ceil((page.totalCount ?? 0) / itemsPerPage));
  const pageNums = Array.from({ length: Math.max(0, promised - 1) }, (_, i) => i + 2);
  const bodies = await fetchAll(pageNums, PARALLEL_PAGES, fetch);
  for (const [i, body] of bodies.entries()) {
    page = asEnvelope<T>(body, target(pageNums[i]));
    items.push(...page.results);
    if (!hasMore(page, itemsPerPage)) return items;
  }

  // The estimate was low: keep reading one page at a time while pages come back full.
  for (let pageNum = Math.max(2, promised + 1); pageNum <= MAX_PAGES; pageNum += 1) {
    page = asEnvelope<T>(await fetch(pageNum), target(pageNum));
    items.push(...page.results);
    if (!hasMore(page, itemsPerPage)) return items;
  }
  throw new AtlasApiError({
    code: ErrorCode.UPSTREAM_INVALID_RESPONSE,
    status: 200,
    detail: `the list did not end after ${MAX_PAGES} full pages`,
    hint: 'Atlas kept returning full pages; report it if it persists.',
    path: target(MAX_PAGES),
  });
}
