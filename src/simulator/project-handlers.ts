/**
 * Handlers for `/groups/**`. Where the dataset leaves a setting out, the handler returns what
 * Atlas returns for a project that never set it; docs/simulator.md lists each default.
 */
import type {
  AccessListEntry,
  AtlasCluster,
  AuditLog,
  BackupSchedule,
  EncryptionAtRest,
  GroupUser,
  ProcessArgs,
  ProjectSettings,
} from '../atlas/types.js';
import { pageOf, pageWithCount, type HandlerContext, type SimulatorRoute } from './context.js';
import type { DatasetProject, MaintenanceWindow, UserSecurity } from './dataset.js';
import {
  apiKeyView, filterEvents, filterUsers, orgInvites, projectView, stableId,
} from './org-handlers.js';
import { AtlasHttpError, invalidAttribute, notFound, parseBoolean } from './responses.js';

const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  isCollectDatabaseSpecificsStatisticsEnabled: true,
  isDataExplorerEnabled: true,
  isDataExplorerGenAIFeaturesEnabled: true,
  isExtendedStorageSizesEnabled: false,
  isPerformanceAdvisorEnabled: true,
  isRealtimePerformancePanelEnabled: true,
  isSchemaAdvisorEnabled: true,
};

const DEFAULT_AUDIT_LOG: AuditLog = {
  enabled: false,
  auditAuthorizationSuccess: false,
  auditFilter: '{}',
  configurationType: 'NONE',
};

const DEFAULT_ENCRYPTION_AT_REST: EncryptionAtRest = {
  awsKms: { enabled: false, valid: false },
  azureKeyVault: { enabled: false, valid: false },
  googleCloudKms: { enabled: false, valid: false },
  enabledForSearchNodes: false,
};

// NOTE: Atlas's reply for a project that never set a window is unverified; this is a guess.
const DEFAULT_MAINTENANCE_WINDOW: MaintenanceWindow = {
  dayOfWeek: 7,
  hourOfDay: 0,
  startASAP: false,
  autoDeferOnceEnabled: false,
  numberOfDeferrals: 0,
  timeZoneId: 'UTC',
};

const DEFAULT_USER_SECURITY: UserSecurity = {
  customerX509: {},
  ldap: { authenticationEnabled: false, authorizationEnabled: false,
    authzQueryTemplate: '{USER}?memberOf?base' },
};

const CLOUD_PROVIDERS = ['AWS', 'AZURE', 'GCP'];

/** Org roles that give implicit access to every project, and the project role they imply. */
const IMPLICIT_ORG_ROLES: Record<string, string> = {
  ORG_OWNER: 'GROUP_OWNER',
  ORG_READ_ONLY: 'GROUP_READ_ONLY',
};

function project(context: HandlerContext): DatasetProject {
  return context.estate.requireProject(context.credential, context.params.groupId);
}

function findOr<T>(items: T[], predicate: (item: T) => boolean, error: () => AtlasHttpError): T {
  const found = items.find(predicate);
  if (found === undefined) throw error();
  return found;
}

function clusterNotFound(name: string, groupId: string): AtlasHttpError {
  return notFound('CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${groupId}.`,
    name, groupId);
}

/** Finds a dedicated or tenant cluster; a flex cluster's name gets Atlas's 400. */
function cluster(context: HandlerContext): { p: DatasetProject; c: AtlasCluster } {
  const p = project(context);
  const { clusterName } = context.params;
  const c = p.clusters.find((candidate) => candidate.name === clusterName);
  if (c) return { p, c: { ...c, groupId: p.id } };
  if (p.flexClusters.some((flex) => flex.name === clusterName)) {
    throw new AtlasHttpError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API',
      `Flex cluster ${clusterName} cannot be used in the Cluster API.`, [clusterName]);
  }
  throw clusterNotFound(clusterName, p.id);
}

function processArgs(context: HandlerContext): ProcessArgs {
  const { p, c } = cluster(context);
  // NOTE: Atlas rejects this call for tenant (M0/M2/M5) clusters; the simulator serves defaults.
  const defaults: ProcessArgs = {
    minimumEnabledTlsProtocol: c.advancedConfiguration?.minimumEnabledTlsProtocol ?? 'TLS1_2',
    tlsCipherConfigMode: c.advancedConfiguration?.tlsCipherConfigMode ?? 'DEFAULT',
    javascriptEnabled: true,
    noTableScan: false,
    defaultWriteConcern: 'majority',
  };
  return { ...defaults, ...p.processArgs?.[c.name] };
}

function backupSchedule(context: HandlerContext): BackupSchedule {
  const { p, c } = cluster(context);
  const set = p.backupSchedules?.[c.name];
  const clusterId = c.id ?? stableId(`${p.id}/${c.name}`);
  if (set) return { clusterId, clusterName: c.name, ...set };
  // A cluster with backup off has no snapshot policy to report.
  if (!c.backupEnabled) return { clusterId, clusterName: c.name, policies: [] };
  const item = (frequencyType: string, frequencyInterval: number, retentionUnit: string,
    retentionValue: number) => ({
    id: stableId(`${clusterId}/${frequencyType}`), frequencyType, frequencyInterval,
    retentionUnit, retentionValue });
  return {
    clusterId,
    clusterName: c.name,
    restoreWindowDays: c.pitEnabled ? 7 : undefined,
    policies: [{ id: stableId(`${clusterId}/policy`), policyItems: [
      item('hourly', 6, 'days', 7), item('daily', 1, 'days', 7),
      item('weekly', 6, 'weeks', 4), item('monthly', 40, 'months', 12),
    ] }],
  };
}

/** Project members with their project roles, following `flattenTeams` and `includeOrgUsers`. */
function projectUsers(context: HandlerContext): GroupUser[] {
  const p = project(context);
  const org = context.estate.orgOf(p);
  const flattenTeams = parseBoolean(context.query, 'flattenTeams', false);
  const includeOrgUsers = parseBoolean(context.query, 'includeOrgUsers', false);
  const users: GroupUser[] = [];
  for (const user of org.users) {
    const roles = new Set<string>();
    for (const assignment of user.roles.groupRoleAssignments ?? []) {
      if (assignment.groupId === p.id) assignment.groupRoles.forEach((r) => roles.add(r));
    }
    if (flattenTeams) {
      const teamIds = org.teams.filter((t) => t.memberIds.includes(user.id)).map((t) => t.id);
      for (const teamRole of p.teams ?? []) {
        if (teamIds.includes(teamRole.teamId)) teamRole.roleNames.forEach((r) => roles.add(r));
      }
    }
    if (includeOrgUsers) {
      for (const orgRole of user.roles.orgRoles ?? []) {
        if (IMPLICIT_ORG_ROLES[orgRole]) roles.add(IMPLICIT_ORG_ROLES[orgRole]);
      }
    }
    if (roles.size === 0) continue;
    const { roles: _orgRoles, teamIds: _teamIds, ...rest } = user;
    users.push({ ...rest, roles: [...roles] });
  }
  return filterUsers(context, users);
}

function accessListView(p: DatasetProject, entry: AccessListEntry): AccessListEntry {
  return { ...entry, groupId: p.id };
}

function accessListEntry(context: HandlerContext): AccessListEntry {
  const p = project(context);
  const { entryValue } = context.params;
  const entry = findOr(p.accessList, (e) =>
    [e.ipAddress, e.cidrBlock, e.awsSecurityGroup].includes(entryValue), () =>
    notFound('ATLAS_NETWORK_PERMISSION_ENTRY_NOT_FOUND',
      `No access list entry ${entryValue} exists in group ${p.id}.`, entryValue, p.id));
  return accessListView(p, entry);
}

function databaseUser(context: HandlerContext) {
  const p = project(context);
  const { databaseName, username } = context.params;
  const user = findOr(p.databaseUsers,
    (u) => u.databaseName === databaseName && u.username === username, () =>
      notFound('USERNAME_NOT_FOUND', `No user with username ${username} exists.`, username));
  return { ...user, groupId: p.id };
}

function projectServiceAccounts(context: HandlerContext) {
  const p = project(context);
  const accounts = context.estate.orgOf(p).serviceAccounts.flatMap((account) => {
    const assignment = account.groups.find((g) => g.groupId === p.id);
    if (!assignment) return [];
    const { clientId, name, description, createdAt, secrets } = account;
    return [{ clientId, name, description, createdAt, roles: assignment.roles,
      secrets: (secrets ?? []).map(({ id, createdAt: created, expiresAt, lastUsedAt,
        maskedSecretValue }) => ({ id, createdAt: created, expiresAt, lastUsedAt,
        maskedSecretValue })) }];
  });
  return pageWithCount(context, accounts);
}

function projectEvents(context: HandlerContext) {
  const excluded = context.query.getAll('excludedEventType');
  const events = filterEvents(context, project(context).events ?? []);
  return pageOf(context, events.filter((e) => !excluded.includes(e.eventTypeName)));
}

function endpointServices(context: HandlerContext) {
  const p = project(context);
  const { cloudProvider } = context.params;
  if (!CLOUD_PROVIDERS.includes(cloudProvider)) throw invalidAttribute('cloudProvider');
  return (p.privateEndpointServices ?? []).filter((s) => s.cloudProvider === cloudProvider);
}

function flexCluster(context: HandlerContext) {
  const p = project(context);
  const { name } = context.params;
  const flex = findOr(p.flexClusters, (f) => f.name === name, () => clusterNotFound(name, p.id));
  return { ...flex, groupId: p.id };
}

/** Routes under `/groups`. */
export const projectRoutes: SimulatorRoute[] = [
  { template: '/groups', handler: (c) =>
    pageOf(c, c.estate.visibleProjects(c.credential).map(projectView)) },
  { template: '/groups/byName/{groupName}', handler: (c) => {
    const { groupName } = c.params;
    return projectView(findOr(c.estate.visibleProjects(c.credential),
      (p) => p.name === groupName, () =>
        notFound('GROUP_NOT_FOUND', `No group with name ${groupName} exists.`, groupName)));
  } },
  { template: '/groups/{groupId}', handler: (c) => projectView(project(c)) },
  { template: '/groups/{groupId}/settings', handler: (c) =>
    project(c).settings ?? DEFAULT_PROJECT_SETTINGS },
  { template: '/groups/{groupId}/users', handler: (c) => pageOf(c, projectUsers(c)) },
  { template: '/groups/{groupId}/users/{userId}', handler: (c) => {
    const { userId } = c.params;
    return findOr(projectUsers(c), (u) => u.id === userId, () =>
      notFound('USER_NOT_FOUND', `No user with ID ${userId} exists.`, userId));
  } },
  { template: '/groups/{groupId}/teams', handler: (c) => pageOf(c, project(c).teams ?? []) },
  { template: '/groups/{groupId}/teams/{teamId}', handler: (c) => {
    const { teamId } = c.params;
    return findOr(project(c).teams ?? [], (t) => t.teamId === teamId, () =>
      notFound('TEAM_NOT_FOUND', `No team with ID ${teamId} exists in this project.`, teamId));
  } },
  { template: '/groups/{groupId}/invites', handler: (c) => {
    const p = project(c);
    return orgInvites(c.estate.orgOf(p)).flatMap((invite) => {
      const roles = (invite.groupRoleAssignments ?? [])
        .filter((a) => a.groupId === p.id).map((a) => a.groupRole);
      if (roles.length === 0) return [];
      const { id, username, inviterUsername, createdAt, expiresAt } = invite;
      return [{ id, groupId: p.id, groupName: p.name, username, inviterUsername, createdAt,
        expiresAt, roles }];
    });
  } },
  { template: '/groups/{groupId}/apiKeys', handler: (c) => {
    const p = project(c);
    const keys = c.estate.orgOf(p).apiKeys
      .filter((key) => (key.roles ?? []).some((role) => role.groupId === p.id));
    return pageOf(c, keys.map(apiKeyView));
  } },
  { template: '/groups/{groupId}/serviceAccounts', handler: projectServiceAccounts },
  { template: '/groups/{groupId}/clusters', handler: (c) => {
    const p = project(c);
    return pageOf(c, p.clusters.map((cl) => ({ ...cl, groupId: p.id })));
  } },
  { template: '/groups/{groupId}/clusters/{clusterName}', handler: (c) => cluster(c).c },
  { template: '/groups/{groupId}/clusters/{clusterName}/processArgs', handler: processArgs },
  { template: '/groups/{groupId}/clusters/{clusterName}/backup/schedule', handler: backupSchedule },
  { template: '/groups/{groupId}/flexClusters', handler: (c) => {
    const p = project(c);
    return pageOf(c, p.flexClusters.map((f) => ({ ...f, groupId: p.id })));
  } },
  { template: '/groups/{groupId}/flexClusters/{name}', handler: flexCluster },
  { template: '/groups/{groupId}/databaseUsers', handler: (c) => {
    const p = project(c);
    return pageOf(c, p.databaseUsers.map((u) => ({ ...u, groupId: p.id })));
  } },
  { template: '/groups/{groupId}/databaseUsers/{databaseName}/{username}', handler: databaseUser },
  { template: '/groups/{groupId}/customDBRoles/roles', handler: (c) => project(c).customDbRoles },
  { template: '/groups/{groupId}/customDBRoles/roles/{roleName}', handler: (c) => {
    const p = project(c);
    const { roleName } = c.params;
    return findOr(p.customDbRoles, (r) => r.roleName === roleName, () =>
      notFound('ATLAS_CUSTOM_ROLE_NOT_FOUND',
        `No custom role with name ${roleName} exists in group ${p.id}.`, roleName, p.id));
  } },
  { template: '/groups/{groupId}/accessList', handler: (c) => {
    const p = project(c);
    return pageOf(c, p.accessList.map((entry) => accessListView(p, entry)));
  } },
  { template: '/groups/{groupId}/accessList/{entryValue}', handler: accessListEntry },
  { template: '/groups/{groupId}/userSecurity', handler: (c) =>
    project(c).userSecurity ?? DEFAULT_USER_SECURITY },
  { template: '/groups/{groupId}/auditLog', handler: (c) =>
    project(c).auditLog ?? DEFAULT_AUDIT_LOG },
  { template: '/groups/{groupId}/encryptionAtRest', handler: (c) =>
    project(c).encryptionAtRest ?? DEFAULT_ENCRYPTION_AT_REST },
  { template: '/groups/{groupId}/maintenanceWindow', handler: (c) =>
    project(c).maintenanceWindow ?? DEFAULT_MAINTENANCE_WINDOW },
  // NOTE: Atlas does not document its reply when no policy is set; the simulator sends `{}`.
  { template: '/groups/{groupId}/backupCompliancePolicy', handler: (c) =>
    project(c).backupCompliancePolicy ?? {} },
  { template: '/groups/{groupId}/events', handler: projectEvents },
  { template: '/groups/{groupId}/events/{eventId}', handler: (c) => {
    const { eventId } = c.params;
    return findOr(project(c).events ?? [], (e) => e.id === eventId, () =>
      notFound('RESOURCE_NOT_FOUND', `No event with ID ${eventId} exists.`, eventId));
  } },
  { template: '/groups/{groupId}/peers', handler: (c) => {
    const providerName = c.query.get('providerName') ?? 'AWS';
    const peers = (project(c).peers ?? [])
      .filter((peer) => (peer.providerName ?? 'AWS') === providerName);
    return pageOf(c, peers);
  } },
  { template: '/groups/{groupId}/containers/all', handler: (c) =>
    pageOf(c, project(c).containers ?? []) },
  { template: '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService',
    handler: endpointServices },
];
