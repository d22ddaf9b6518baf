/**
 * `Organisation.events` and `Project.events`. The date window and event types go to Atlas as
 * query parameters, so Atlas filters and only the matching pages cross the network.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../atlas/errors.js';
import {
  listOrganizationEvents,
  listProjectEvents,
  type EventFilter,
} from '../../atlas/resources/events.js';
import type { AtlasEvent, AtlasOrganization, AtlasProject } from '../../atlas/types.js';
import { paginate, type PageArgs } from '../connection.js';
import type { GraphQLContext } from '../context.js';
import type { AtlasEvent as AtlasEventNode, Resolvers } from '../generated/resolvers-types.js';

/** How far back `events` reads when the query sets no minDate. */
export const DEFAULT_EVENT_WINDOW_DAYS = 30;

/**
 * Maximum days from minDate to maxDate, or to the request time without a maxDate. Atlas keeps
 * events for a limited time, and a longer range would read every page of what it keeps.
 */
export const MAX_EVENT_WINDOW_DAYS = 366;

/** Maximum number of eventTypes in one query. Each one is a query parameter sent to Atlas. */
export const MAX_EVENT_TYPES = 50;

/**
 * Maximum length of one event type name. Atlas names are upper-case words joined by
 * underscores and far shorter, and long values make the request line too large for Atlas.
 */
export const MAX_EVENT_TYPE_LENGTH = 100;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An ISO-8601 calendar date, optionally followed by a time with seconds, fraction and a
 * required zone (Z or ±hh:mm). A time without a zone is rejected because its meaning would
 * depend on this server's time zone.
 */
const CALENDAR_DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const TIME_OF_DAY = String.raw`T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?`;
const ZONE = String.raw`(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)`;
const ISO_DATE_TIME = new RegExp(`^${CALENDAR_DATE}(?:${TIME_OF_DAY}${ZONE})?$`);

/** Arguments of both `events` fields. */
export interface EventArgs extends PageArgs {
  minDate?: string | null;
  maxDate?: string | null;
  eventTypes?: string[] | null;
}

function invalidDate(argument: string, value: string): GraphQLError {
  return new GraphQLError(
    `Invalid ${argument} "${value}": use an ISO-8601 date such as 2025-01-31 or a date-time ` +
      'with a zone such as 2025-01-31T09:30:00Z.',
    { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: argument } },
  );
}

/**
 * Parses an ISO-8601 date or date-time to epoch milliseconds. Throws BAD_USER_INPUT for other
 * text and for dates that do not exist, such as 2025-02-30, which `Date.parse` would roll over.
 */
export function parseIsoDate(argument: string, value: string): number {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) throw invalidDate(argument, value);
  const [year, month, day] = match.slice(1, 4).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const exists =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day;
  const time = Date.parse(value);
  if (!exists || Number.isNaN(time)) throw invalidDate(argument, value);
  return time;
}

/** One clock reading per operation, so aliased `events` fields send the same default minDate. */
const requestTimes = new WeakMap<GraphQLContext, number>();

function requestTime(ctx: GraphQLContext): number {
  let time = requestTimes.get(ctx);
  if (time === undefined) {
    time = ctx.now();
    requestTimes.set(ctx, time);
  }
  return time;
}

/** Throws BAD_USER_INPUT for more than MAX_EVENT_TYPES types or one over the length limit. */
function checkEventTypes(eventTypes: readonly string[]): void {
  const invalid = (message: string) =>
    new GraphQLError(message, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'eventTypes' },
    });
  if (eventTypes.length > MAX_EVENT_TYPES) {
    throw invalid(
      `Too many eventTypes: ${eventTypes.length} given, at most ${MAX_EVENT_TYPES} accepted. ` +
        'Split the types over several queries.',
    );
  }
  const index = eventTypes.findIndex((type) => type.length > MAX_EVENT_TYPE_LENGTH);
  if (index >= 0) {
    throw invalid(
      `Invalid eventTypes[${index}]: ${eventTypes[index].length} characters, at most ` +
        `${MAX_EVENT_TYPE_LENGTH} accepted. Pass Atlas event type names such as INVITED_TO_ORG.`,
    );
  }
}

/**
 * Checks the arguments and builds the Atlas filter, before any Atlas call. Dates are sent in
 * UTC with milliseconds. minDate defaults to DEFAULT_EVENT_WINDOW_DAYS before the request time.
 */
export function eventFilter(args: EventArgs, ctx: GraphQLContext): EventFilter {
  if (args.eventTypes) checkEventTypes(args.eventTypes);
  const explicitMin = args.minDate ?? undefined;
  const min =
    explicitMin === undefined
      ? requestTime(ctx) - DEFAULT_EVENT_WINDOW_DAYS * DAY_MS
      : parseIsoDate('minDate', explicitMin);
  const max = args.maxDate == null ? undefined : parseIsoDate('maxDate', args.maxDate);
  const minText =
    explicitMin === undefined
      ? `minDate (omitted, so ${DEFAULT_EVENT_WINDOW_DAYS} days before now: ` +
        `${new Date(min).toISOString()})`
      : `minDate "${explicitMin}"`;
  if (max !== undefined && min > max) {
    throw new GraphQLError(
      `Invalid date range: ${minText} is after maxDate "${args.maxDate}". ` +
        'Pass a minDate on or before maxDate.',
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'minDate' } },
    );
  }
  const end = max ?? requestTime(ctx);
  if (end - min > MAX_EVENT_WINDOW_DAYS * DAY_MS) {
    const endText =
      max === undefined
        ? `the request time (${new Date(end).toISOString()})`
        : `maxDate "${args.maxDate}"`;
    throw new GraphQLError(
      `Invalid date range: ${minText} is more than ${MAX_EVENT_WINDOW_DAYS} days before ` +
        `${endText}. Query at most ${MAX_EVENT_WINDOW_DAYS} days at a time.`,
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'minDate' } },
    );
  }
  return {
    minDate: new Date(min).toISOString(),
    maxDate: max === undefined ? undefined : new Date(max).toISOString(),
    eventTypes: args.eventTypes?.length ? [...args.eventTypes] : undefined,
  };
}

/** Converts an Atlas event to the GraphQL shape, renaming `groupId` and `dbUserUsername`. */
export function eventNode(event: AtlasEvent): AtlasEventNode {
  return {
    id: event.id,
    created: event.created,
    eventTypeName: event.eventTypeName,
    orgId: event.orgId ?? null,
    projectId: event.groupId ?? null,
    userId: event.userId ?? null,
    username: event.username ?? null,
    apiKeyId: event.apiKeyId ?? null,
    publicKey: event.publicKey ?? null,
    remoteAddress: event.remoteAddress ?? null,
    isGlobalAdmin: event.isGlobalAdmin ?? null,
    targetUsername: event.targetUsername ?? null,
    targetPublicKey: event.targetPublicKey ?? null,
    databaseUsername: event.dbUserUsername ?? null,
    teamId: event.teamId ?? null,
    resourceId: event.resourceId ?? null,
    resourceType: event.resourceType ?? null,
  };
}

/** Validates every argument, then reads the events and pages them. */
function eventConnection(
  args: EventArgs,
  ctx: GraphQLContext,
  read: (filter: EventFilter) => Promise<AtlasEvent[]>,
) {
  const filter = eventFilter(args, ctx);
  return paginate(ctx, args, async () => (await read(filter)).map(eventNode));
}

/** `events` on `Organisation` and `Project`. */
export const eventResolvers: Resolvers = {
  Organisation: {
    events: (org: AtlasOrganization, args: EventArgs, ctx: GraphQLContext) =>
      eventConnection(args, ctx, (filter) => listOrganizationEvents(ctx.atlas, org.id, filter)),
  },
  Project: {
    events: (project: AtlasProject, args: EventArgs, ctx: GraphQLContext) =>
      eventConnection(args, ctx, (filter) => listProjectEvents(ctx.atlas, project.id, filter)),
  },
};
