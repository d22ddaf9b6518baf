/**
 * Handler context and route declaration types for the simulator.
 */
import type { DatasetCredential } from './dataset.js';
import type { Estate } from './estate.js';
import { buildPage, parsePageRequest, type PageBody } from './responses.js';

/** One authenticated, versioned GET request, as passed to a handler. */
export interface HandlerContext {
  estate: Estate;
  credential: DatasetCredential;
  /** Path parameters, already percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Absolute request URL, used for pagination links. */
  url: URL;
  /** Version date being served (the newest the endpoint has that is <= the requested one). */
  version: string;
  defaultItemsPerPage: number;
  /** Clock in epoch milliseconds. */
  now: number;
}

/** Handler for one route; returns the JSON body or throws an `AtlasHttpError`. */
export type RouteHandler = (context: HandlerContext) => unknown;

/** A GET endpoint the simulator serves. */
export interface SimulatorRoute {
  /** Template without the `/api/atlas/v2` prefix, with `{param}` segments. */
  template: string;
  handler: RouteHandler;
}

/** Builds the paginated envelope for `items` from the request's paging parameters. */
export function pageOf<T>(context: HandlerContext, items: readonly T[]): PageBody<T> {
  const page = parsePageRequest(context.query, context.defaultItemsPerPage);
  return buildPage(items, page, context.url);
}

/** Like `pageOf` for lists that take no `includeCount`: `totalCount` is always present. */
export function pageWithCount<T>(context: HandlerContext, items: readonly T[]): PageBody<T> {
  const page = parsePageRequest(context.query, context.defaultItemsPerPage);
  return buildPage(items, { ...page, includeCount: true }, context.url, true);
}
