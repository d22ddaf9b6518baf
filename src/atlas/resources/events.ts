/** Organisation and project events, the activity trail of users and keys. */
import type { AtlasReader, QueryParams } from '../reader.js';
import type { AtlasEvent } from '../types.js';
import { pathSegment } from './segment.js';

/** Filters for event lists. Dates are ISO-8601 UTC strings. */
export interface EventFilter {
  /** Earliest `created` time to include. */
  minDate?: string;
  /** Latest `created` time to include. */
  maxDate?: string;
  /** Event type names to include, sent as repeated `eventType` parameters. */
  eventTypes?: string[];
}

function eventQuery(filter: EventFilter): QueryParams {
  return {
    minDate: filter.minDate,
    maxDate: filter.maxDate,
    eventType: filter.eventTypes?.length ? filter.eventTypes : undefined,
  };
}

/** Lists an organisation's events, in the order Atlas returns them. */
export function listOrganizationEvents(
  reader: AtlasReader,
  orgId: string,
  filter: EventFilter = {},
): Promise<AtlasEvent[]> {
  return reader.list<AtlasEvent>(`/orgs/${pathSegment(orgId)}/events`, eventQuery(filter));
}

/** Lists a project's events, in the order Atlas returns them. */
export function listProjectEvents(
  reader: AtlasReader,
  projectId: string,
  filter: EventFilter = {},
): Promise<AtlasEvent[]> {
  return reader.list<AtlasEvent>(
    `/groups/${pathSegment(projectId)}/events`,
    eventQuery(filter),
  );
}
