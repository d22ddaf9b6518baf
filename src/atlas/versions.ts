/**
 * The one place that maps an Atlas Admin API v2 path to the dated media type version the
 * client sends in `Accept: application/vnd.atlas.<version>+json`.
 *
 * Each version is the newest stable one the Atlas Admin API v2 OpenAPI spec (2025-03-12 line)
 * lists for that GET operation. Paths are matched without the `/api/atlas/v2` prefix.
 */

/** Route template (with `{param}` segments) and the version date the client sends for it. */
export interface VersionedRoute {
  template: string;
  version: string;
}

/** Routes in the order they are matched; the first template that matches wins. */
export const VERSIONED_ROUTES: readonly VersionedRoute[] = [
  { template: '/', version: '2023-01-01' },
  { template: '/rateLimits', version: '2025-03-12' },
  { template: '/rateLimits/{endpointSetId}', version: '2025-03-12' },
  { template: '/orgs', version: '2023-01-01' },
  { template: '/orgs/{orgId}', version: '2023-01-01' },
  { template: '/orgs/{orgId}/settings', version: '2023-01-01' },
  { template: '/orgs/{orgId}/federationSettings', version: '2023-01-01' },
  { template: '/orgs/{orgId}/users', version: '2025-02-19' },
  { template: '/orgs/{orgId}/users/{userId}', version: '2025-02-19' },
  { template: '/orgs/{orgId}/invites', version: '2023-01-01' },
  { template: '/orgs/{orgId}/invites/{invitationId}', version: '2023-01-01' },
  { template: '/orgs/{orgId}/teams', version: '2023-01-01' },
  { template: '/orgs/{orgId}/teams/byName/{teamName}', version: '2023-01-01' },
  { template: '/orgs/{orgId}/teams/{teamId}', version: '2023-01-01' },
  { template: '/orgs/{orgId}/teams/{teamId}/users', version: '2025-02-19' },
  { template: '/orgs/{orgId}/groups', version: '2023-01-01' },
  { template: '/orgs/{orgId}/apiKeys', version: '2023-01-01' },
  { template: '/orgs/{orgId}/apiKeys/{apiUserId}', version: '2023-01-01' },
  { template: '/orgs/{orgId}/apiKeys/{apiUserId}/accessList', version: '2023-01-01' },
  { template: '/orgs/{orgId}/apiKeys/{apiUserId}/accessList/{ipAddress}', version: '2023-01-01' },
  { template: '/orgs/{orgId}/serviceAccounts', version: '2024-08-05' },
  { template: '/orgs/{orgId}/serviceAccounts/{clientId}', version: '2024-08-05' },
  { template: '/orgs/{orgId}/serviceAccounts/{clientId}/accessList', version: '2024-08-05' },
  { template: '/orgs/{orgId}/serviceAccounts/{clientId}/groups', version: '2024-08-05' },
  { template: '/orgs/{orgId}/events', version: '2023-01-01' },
  { template: '/orgs/{orgId}/events/{eventId}', version: '2023-01-01' },
  { template: '/groups', version: '2023-01-01' },
  { template: '/groups/byName/{groupName}', version: '2023-01-01' },
  { template: '/groups/{groupId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/settings', version: '2023-01-01' },
  { template: '/groups/{groupId}/users', version: '2025-02-19' },
  { template: '/groups/{groupId}/users/{userId}', version: '2025-02-19' },
  { template: '/groups/{groupId}/teams', version: '2023-01-01' },
  { template: '/groups/{groupId}/teams/{teamId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/invites', version: '2023-01-01' },
  { template: '/groups/{groupId}/invites/{invitationId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/apiKeys', version: '2023-01-01' },
  { template: '/groups/{groupId}/serviceAccounts', version: '2024-08-05' },
  { template: '/groups/{groupId}/serviceAccounts/{clientId}', version: '2024-08-05' },
  { template: '/groups/{groupId}/serviceAccounts/{clientId}/accessList', version: '2024-08-05' },
  { template: '/clusters', version: '2023-01-01' },
  { template: '/groups/{groupId}/clusters', version: '2024-08-05' },
  { template: '/groups/{groupId}/clusters/{clusterName}', version: '2024-08-05' },
  { template: '/groups/{groupId}/clusters/{clusterName}/processArgs', version: '2024-08-05' },
  { template: '/groups/{groupId}/clusters/{clusterName}/backup/schedule', version: '2024-08-05' },
  { template: '/groups/{groupId}/processes', version: '2023-01-01' },
  { template: '/groups/{groupId}/processes/{processId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/databaseUsers', version: '2023-01-01' },
  { template: '/groups/{groupId}/databaseUsers/{username}/certs', version: '2023-01-01' },
  { template: '/groups/{groupId}/databaseUsers/{databaseName}/{username}', version: '2023-01-01' },
  { template: '/groups/{groupId}/customDBRoles/roles', version: '2023-01-01' },
  { template: '/groups/{groupId}/customDBRoles/roles/{roleName}', version: '2023-01-01' },
  { template: '/groups/{groupId}/accessList', version: '2023-01-01' },
  { template: '/groups/{groupId}/accessList/{entryValue}', version: '2023-01-01' },
  { template: '/groups/{groupId}/userSecurity', version: '2023-01-01' },
  { template: '/groups/{groupId}/auditLog', version: '2023-01-01' },
  { template: '/groups/{groupId}/encryptionAtRest', version: '2023-01-01' },
  { template: '/groups/{groupId}/maintenanceWindow', version: '2023-01-01' },
  { template: '/groups/{groupId}/backupCompliancePolicy', version: '2023-10-01' },
  { template: '/groups/{groupId}/alertConfigs', version: '2023-01-01' },
  { template: '/groups/{groupId}/alertConfigs/{alertConfigId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/events', version: '2023-01-01' },
  { template: '/groups/{groupId}/events/{eventId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/flexClusters', version: '2024-11-13' },
  { template: '/groups/{groupId}/flexClusters/{name}', version: '2024-11-13' },
  { template: '/groups/{groupId}/peers', version: '2023-01-01' },
  { template: '/groups/{groupId}/peers/{peerId}', version: '2023-01-01' },
  { template: '/groups/{groupId}/containers/all', version: '2023-01-01' },
  { template: '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService', version: '2023-01-01' },
  {
    template: '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService/{endpointServiceId}',
    version: '2023-01-01',
  },
  { template: '/groups/{groupId}/pushBasedLogExport', version: '2023-01-01' },
  { template: '/groups/{groupId}/dbAccessHistory/clusters/{clusterName}', version: '2023-01-01' },
];

/** Every stable version date Atlas publishes. Atlas returns 406 for any other date in `Accept`. */
export const STABLE_VERSION_DATES: readonly string[] = [
  '2023-01-01', '2023-02-01', '2023-10-01', '2023-11-15', '2024-05-30',
  '2024-08-05', '2024-10-23', '2024-11-13', '2025-02-19', '2025-03-12',
];

const compiled = VERSIONED_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(
    '^' + route.template.replace(/\{[^}]+\}/g, '[^/]+').replace(/\/$/, '') + '/?$',
  ),
}));

/** Finds the route whose template matches `path` (no `/api/atlas/v2` prefix, no query). */
export function matchRoute(path: string): VersionedRoute | undefined {
  const bare = path.split('?')[0];
  return compiled.find(({ pattern }) => pattern.test(bare))?.route;
}

/**
 * Returns the version date to send for `path`.
 * Throws a TypeError for a path no route covers, because sending a guessed version would
 * trade a clear client bug for a 406 at run time.
 */
export function versionFor(path: string): string {
  const route = matchRoute(path);
  if (!route) {
    throw new TypeError(`No Atlas API version is pinned for path ${path}; add it to VERSIONED_ROUTES.`);
  }
  return route.version;
}

/** Builds the `Accept` header value for a version date. */
export function mediaTypeFor(version: string): string {
  return `application/vnd.atlas.${version}+json`;
}
