/**
 * Atlas-shaped error bodies and the paginated envelope, shared by every simulator handler.
 */
import { STATUS_CODES } from 'node:http';
import type { AtlasErrorBody, AtlasLink } from '../atlas/types.js';

/** An Atlas error a handler throws; the server turns it into the JSON error body. */
export class AtlasHttpError extends Error {
  readonly status: number;
  readonly errorCode?: string;
  readonly detail: string;
  readonly parameters: unknown[];

  constructor(status: number, errorCode: string | undefined, detail: string,
    parameters: unknown[] = []) {
    super(detail);
    this.name = 'AtlasHttpError';
    this.status = status;
    this.errorCode = errorCode;
    this.detail = detail;
    this.parameters = parameters;
  }

  /** Builds the body Atlas sends: `{error, errorCode, detail, reason, parameters}`. */
  toBody(): AtlasErrorBody {
    const body: AtlasErrorBody = { error: this.status };
    if (this.errorCode) body.errorCode = this.errorCode;
    body.detail = this.detail;
    body.reason = STATUS_CODES[this.status] ?? 'Error';
    body.parameters = this.parameters;
    return body;
  }
}

/** 400 `INVALID_ATTRIBUTE` for a query parameter with an invalid value. */
export function invalidAttribute(name: string): AtlasHttpError {
  return new AtlasHttpError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${name} specified.`,
    [name]);
}

/** 401 `USER_UNAUTHORIZED`: the credential lacks access to the resource. */
export function userUnauthorized(): AtlasHttpError {
  return new AtlasHttpError(
    401,
    'USER_UNAUTHORIZED',
    'Current user is not authorized to perform this action.',
  );
}

/** 404 `RESOURCE_NOT_FOUND` for a path the API does not have. */
export function resourceNotFound(path: string): AtlasHttpError {
  return new AtlasHttpError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, [path]);
}

/** 404 with an Atlas code, a detail and the parameters substituted into it. */
export function notFound(errorCode: string, detail: string,
  ...parameters: unknown[]): AtlasHttpError {
  return new AtlasHttpError(404, errorCode, detail, parameters);
}

/** Paging parameters read from the query string. */
export interface PageRequest {
  pageNum: number;
  itemsPerPage: number;
  includeCount: boolean;
}

/** Largest `itemsPerPage` Atlas accepts. */
export const MAX_ITEMS_PER_PAGE = 500;

function parseInteger(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw invalidAttribute(name);
  return Number(raw);
}

/** Parses a boolean query parameter (`true`/`false`, any case); `fallback` when absent. */
export function parseBoolean(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const lower = raw.toLowerCase();
  if (lower !== 'true' && lower !== 'false') throw invalidAttribute(name);
  return lower === 'true';
}

/** Reads `pageNum` (>= 1), `itemsPerPage` (1-500) and `includeCount`, or throws 400. */
export function parsePageRequest(query: URLSearchParams, defaultItemsPerPage: number): PageRequest {
  const pageNum = parseInteger(query, 'pageNum', 1);
  if (pageNum < 1) throw invalidAttribute('pageNum');
  const itemsPerPage = parseInteger(query, 'itemsPerPage', defaultItemsPerPage);
  if (itemsPerPage < 1 || itemsPerPage > MAX_ITEMS_PER_PAGE) throw invalidAttribute('itemsPerPage');
  const includeCount = parseBoolean(query, 'includeCount', true);
  return { pageNum, itemsPerPage, includeCount };
}

/** The paginated envelope `{results, totalCount?, links}`. */
export interface PageBody<T> {
  results: T[];
  totalCount?: number;
  links: AtlasLink[];
}

function pageHref(requestUrl: URL, pageNum: number, itemsPerPage: number): string {
  const url = new URL(requestUrl.href);
  url.searchParams.set('pageNum', String(pageNum));
  url.searchParams.set('itemsPerPage', String(itemsPerPage));
  return url.href;
}

/**
 * Cuts one page out of `items` and builds the envelope with absolute `self`, `previous` and
 * `next` links. `alwaysCount` is for lists that take no `includeCount` parameter.
 */
export function buildPage<T>(
  items: readonly T[],
  page: PageRequest,
  requestUrl: URL,
  alwaysCount = false,
): PageBody<T> {
  const start = (page.pageNum - 1) * page.itemsPerPage;
  const results = items.slice(start, start + page.itemsPerPage);
  const links: AtlasLink[] = [];
  if (page.pageNum > 1) {
    links.push({ href: pageHref(requestUrl, page.pageNum - 1, page.itemsPerPage),
      rel: 'previous' });
  }
  links.push({ href: pageHref(requestUrl, page.pageNum, page.itemsPerPage), rel: 'self' });
  if (start + page.itemsPerPage < items.length) {
    links.push({ href: pageHref(requestUrl, page.pageNum + 1, page.itemsPerPage), rel: 'next' });
  }
  const body: PageBody<T> = { results, links };
  if (page.includeCount || alwaysCount) body.totalCount = items.length;
  return body;
}
