/**
 * Cursor pagination over a list already read from Atlas. Atlas lists are read whole (every
 * page), so `totalCount` is exact and a cursor is just an offset, encoded so clients treat it
 * as opaque.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../atlas/errors.js';
import type { GraphQLContext } from './context.js';

/** The parts of the context pagination reads: the limits and the per-operation counters. */
export type PageContext = Pick<GraphQLContext, 'settings' | 'stats'>;

/** A GraphQL connection: the page of nodes, the total and where the page ends. */
export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Arguments every connection field takes. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const CURSOR_PREFIX = 'offset:';

/** Encodes the cursor that follows the item at `offset`. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Decodes an `after` cursor to the offset of the first item to return. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(text.slice(CURSOR_PREFIX.length));
  if (!/^offset:\d{1,15}$/.test(text) || !Number.isSafeInteger(offset)) {
    throw new GraphQLError(
      `Invalid cursor "${cursor}": pass an endCursor returned by this API, or omit "after".`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT } },
    );
  }
  return offset;
}

/**
 * Validates `first` and `after` and returns the offset of the first item and the page size.
 * Resolvers call it before loading, so a bad argument costs no Atlas call.
 */
export function checkPageArgs(args: PageArgs, maxPageSize: number): { start: number; first: number } {
  const first = args.first ?? 100;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw new GraphQLError(
      `Invalid "first" value ${first}: use an integer from 0 to ${maxPageSize}.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT } },
    );
  }
  const start = args.after ? decodeCursor(args.after) + 1 : 0;
  return { start, first };
}

/**
 * Counts `count` nodes against the operation's result budget. The budget bounds the work and
 * memory of one response: connections nested through back-references (a project's
 * organisation's projects, and so on) multiply without it.
 */
export function chargeNodes(ctx: PageContext, count: number): void {
  if (ctx.stats.resultNodes + count > ctx.settings.maxResultNodes) {
    throw new GraphQLError(
      `This query returns more than ${ctx.settings.maxResultNodes} list items in total: ` +
        'ask for fewer levels or smaller pages (first), or raise MAX_RESULT_NODES.',
      { extensions: { code: ErrorCode.QUERY_TOO_LARGE } },
    );
  }
  ctx.stats.resultNodes += count;
}

/** Slices `items` into a connection page, validating the page arguments and the budget. */
export function toConnection<T>(ctx: PageContext, items: readonly T[], args: PageArgs): Connection<T> {
  const { start, first } = checkPageArgs(args, ctx.settings.maxPageSize);
  const nodes = items.slice(start, start + first);
  chargeNodes(ctx, nodes.length);
  const lastOffset = start + nodes.length - 1;
  return {
    nodes,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: lastOffset + 1 < items.length,
      endCursor: nodes.length > 0 ? encodeCursor(lastOffset) : null,
    },
  };
}

/** Validates the page arguments, then loads the list and slices it into a connection. */
export async function paginate<T>(
  ctx: PageContext,
  args: PageArgs,
  load: () => Promise<readonly T[]>,
): Promise<Connection<T>> {
  checkPageArgs(args, ctx.settings.maxPageSize);
  return toConnection(ctx, await load(), args);
}
