/**
 * Route table, path matching and version negotiation for the simulator.
 *
 * Atlas serves the newest version of an endpoint that is not newer than the date in `Accept`,
 * and returns 406 for an unknown date or one older than the endpoint's first version.
 */
import { STABLE_VERSION_DATES, VERSIONED_ROUTES, mediaTypeFor } from '../atlas/versions.js';
import type { RouteHandler, SimulatorRoute } from './context.js';
import { orgRoutes } from './org-handlers.js';
import { projectRoutes } from './project-handlers.js';
import { AtlasHttpError } from './responses.js';

/** Deprecated versions Atlas still serves, by route template, from the spec's descriptions. */
const OLDER_VERSIONS: Record<string, string[]> = {
  '/orgs/{orgId}/users': ['2023-01-01'],
  '/orgs/{orgId}/users/{userId}': ['2023-01-01'],
  '/orgs/{orgId}/teams/{teamId}/users': ['2023-01-01'],
  '/groups/{groupId}/users': ['2023-01-01'],
  '/groups/{groupId}/users/{userId}': ['2023-01-01'],
  '/groups/{groupId}/clusters': ['2023-01-01', '2023-02-01'],
  '/groups/{groupId}/clusters/{clusterName}': ['2023-01-01', '2023-02-01'],
  '/groups/{groupId}/clusters/{clusterName}/processArgs': ['2023-01-01'],
  '/groups/{groupId}/clusters/{clusterName}/backup/schedule': ['2023-01-01'],
  '/groups/{groupId}/backupCompliancePolicy': ['2023-01-01'],
};

/** A route ready to match: its segments, parameter names and versions in ascending order. */
export interface CompiledRoute {
  template: string;
  segments: string[];
  versions: string[];
  handler: RouteHandler;
}

/** A matched route with its decoded path parameters. */
export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
}

function compile(route: SimulatorRoute): CompiledRoute {
  const pinned = VERSIONED_ROUTES.find((r) => r.template === route.template);
  if (!pinned) {
    throw new TypeError(`Simulator route ${route.template} has no version in versions.ts.`);
  }
  const versions = [...(OLDER_VERSIONS[route.template] ?? []), pinned.version].sort();
  const segments = route.template === '/' ? [] : route.template.slice(1).split('/');
  return { template: route.template, segments, versions, handler: route.handler };
}

/** Every route the simulator serves, most specific first where templates overlap. */
export const ROUTES: readonly CompiledRoute[] = [...orgRoutes, ...projectRoutes].map(compile);

/**
 * Matches a raw path (after `/api/atlas/v2`, before `?`) against the route table. Segments are
 * split before decoding, so `%2F` inside an access-list entry stays inside one parameter.
 */
export function matchPath(rawPath: string): RouteMatch | undefined {
  const trimmed = rawPath.replace(/^\/+|\/+$/g, '');
  const parts = trimmed === '' ? [] : trimmed.split('/');
  for (const route of ROUTES) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matched = route.segments.every((segment, i) => {
      if (!segment.startsWith('{')) return segment === parts[i];
      try {
        params[segment.slice(1, -1)] = decodeURIComponent(parts[i]);
        return true;
      } catch {
        return false;
      }
    });
    if (matched) return { route, params };
  }
  return undefined;
}

const ATLAS_MEDIA_TYPE = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/i;

function invalidVersion(): AtlasHttpError {
  return new AtlasHttpError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.');
}

/**
 * Picks the version to serve for an `Accept` header, or throws 406 `INVALID_VERSION_DATE`.
 * Returns the version date and the media type to echo in `Content-Type`.
 */
export function negotiateVersion(
  route: CompiledRoute,
  accept: string | undefined,
): { version: string; contentType: string } {
  const requested = (accept ?? '')
    .split(',')
    .map((range) => ATLAS_MEDIA_TYPE.exec(range.split(';')[0].trim())?.[1])
    .find((date) => date !== undefined);
  if (!requested || !STABLE_VERSION_DATES.includes(requested)) throw invalidVersion();
  const served = route.versions.filter((v) => v <= requested).at(-1);
  if (!served) throw invalidVersion();
  return { version: served, contentType: mediaTypeFor(served) };
}
