/**
 * Handlers for `/`, `/orgs/**` and the user-listing helpers shared with project handlers.
 */
import { createHash } from 'node:crypto';
import type {
  AtlasEvent,
  OrganizationInvitation,
  OrganizationSettings,
  OrgUser,
  SystemStatus,
} from '../atlas/types.js';
import { pageOf, pageWithCount, type HandlerContext, type SimulatorRoute } from './context.js';
import type { DatasetApiKey, DatasetOrganization, DatasetServiceAccount } from './dataset.js';
import { AtlasHttpError, invalidAttribute, notFound } from './responses.js';

/** Statuses `/users` returns when the request names none. */
const DEFAULT_STATUSES = ['ACTIVE', 'PENDING'];
/** The first version of the user endpoints, which returns active users only. */
const ACTIVE_ONLY_VERSION = '2023-01-01';

/** Organisation settings served when the dataset sets none. */
const DEFAULT_ORG_SETTINGS: OrganizationSettings = {
  apiAccessListRequired: false,
  multiFactorAuthRequired: false,
  restrictEmployeeAccess: false,
  genAIFeaturesEnabled: true,
  maxServiceAccountSecretValidityInHours: 8760,
};

/** Returns an id of 24 hex digits derived from `text`, stable across runs. */
export function stableId(text: string): string {
  return createHash('md5').update(text).digest('hex').slice(0, 24);
}

/** Adds `teamIds` from team membership, the one place the dataset stores it. */
export function orgUserView(org: DatasetOrganization, user: OrgUser): OrgUser {
  const teamIds = org.teams.filter((team) => team.memberIds.includes(user.id)).map((t) => t.id);
  return { ...user, teamIds };
}

/**
 * Reads `orgMembershipStatuses` (repeatable) or the older single `orgMembershipStatus`.
 * Version 2023-01-01 of the user endpoints returns active users only.
 */
export function membershipStatuses(context: HandlerContext): string[] {
  if (context.version === ACTIVE_ONLY_VERSION) return ['ACTIVE'];
  const plural = context.query.getAll('orgMembershipStatuses');
  const single = context.query.getAll('orgMembershipStatus');
  if (plural.length > 0 && single.length > 0) throw invalidAttribute('orgMembershipStatus');
  const statuses = plural.length > 0 ? plural : single;
  return statuses.length > 0 ? statuses.flatMap((s) => s.split(',')) : DEFAULT_STATUSES;
}

/** Applies the `orgMembershipStatuses` and `username` filters of the user lists. */
export function filterUsers<T extends { username: string; orgMembershipStatus: string }>(
  context: HandlerContext,
  users: T[],
): T[] {
  const statuses = membershipStatuses(context);
  const username = context.query.get('username')?.toLowerCase();
  return users.filter(
    (user) =>
      statuses.includes(user.orgMembershipStatus) &&
      (username === undefined || user.username.toLowerCase() === username),
  );
}

/** Applies `minDate`, `maxDate` and repeatable `eventType` to an event list. */
export function filterEvents(context: HandlerContext, events: AtlasEvent[]): AtlasEvent[] {
  const bound = (name: string): number | undefined => {
    const raw = context.query.get(name);
    if (raw === null) return undefined;
    const time = Date.parse(raw);
    if (Number.isNaN(time)) throw invalidAttribute(name);
    return time;
  };
  const min = bound('minDate');
  const max = bound('maxDate');
  const types = context.query.getAll('eventType');
  return events.filter((event) => {
    const created = Date.parse(event.created);
    if (min !== undefined && created < min) return false;
    if (max !== undefined && created > max) return false;
    return types.length === 0 || types.includes(event.eventTypeName);
  });
}

/** Converts an API key to the served shape: no inline access list, private key redacted. */
export function apiKeyView(key: DatasetApiKey) {
  const { accessList: _accessList, privateKey: _privateKey, ...rest } = key;
  return { ...rest, privateKey: `********-****-****-${stableId(key.id).slice(0, 12)}` };
}

function serviceAccountView(account: DatasetServiceAccount) {
  const { accessList: _accessList, groups: _groups, ...rest } = account;
  // A secret's value exists only in the reply that creates it.
  const secrets = (rest.secrets ?? []).map(({ ...secret }) => {
    delete (secret as { secret?: string }).secret;
    return secret;
  });
  return { ...rest, secrets };
}

function org(context: HandlerContext): DatasetOrganization {
  return context.estate.requireOrg(context.credential, context.params.orgId);
}

function orgSummary(o: DatasetOrganization) {
  return { id: o.id, name: o.name, isDeleted: o.isDeleted ?? false,
    skipDefaultAlertsSettings: o.skipDefaultAlertsSettings ?? false };
}

function byName<T extends { name: string }>(context: HandlerContext, items: T[]): T[] {
  const name = context.query.get('name');
  return name === null ? items : items.filter((item) => item.name === name);
}

function findOr<T>(items: T[], predicate: (item: T) => boolean, error: () => AtlasHttpError): T {
  const found = items.find(predicate);
  if (found === undefined) throw error();
  return found;
}

/** Invitations: the dataset's list, or derived from invited users when the dataset has none. */
export function orgInvites(o: DatasetOrganization): OrganizationInvitation[] {
  if (o.invites) return o.invites;
  return o.users
    .filter((user) => user.orgMembershipStatus !== 'ACTIVE')
    .map((user) => ({
      id: user.id,
      orgId: o.id,
      orgName: o.name,
      username: user.username,
      inviterUsername: user.inviterUsername,
      createdAt: user.invitationCreatedAt,
      expiresAt: user.invitationExpiresAt,
      roles: user.roles.orgRoles ?? [],
      teamIds: orgUserView(o, user).teamIds,
      groupRoleAssignments: (user.roles.groupRoleAssignments ?? []).flatMap((assignment) =>
        assignment.groupRoles.map((groupRole) => ({ groupId: assignment.groupId, groupRole })),
      ),
    }));
}

function systemStatus(context: HandlerContext): SystemStatus {
  const { credential, estate } = context;
  const key = estate
    .visibleOrgs(credential)
    .flatMap((o) => o.apiKeys)
    .find((candidate) => candidate.publicKey === credential.publicKey);
  const roles = key?.roles ??
    estate.visibleOrgs(credential).map((o) => ({ roleName: 'ORG_OWNER', orgId: o.id }));
  const accessList = (key?.accessList ?? []).map(({ ipAddress, cidrBlock }) => ({
    ipAddress, cidrBlock,
  }));
  return {
    appName: 'MongoDB Atlas',
    build: 'atlas-simulator',
    throttling: false,
    apiKey: { id: key?.id ?? stableId(credential.publicKey), publicKey: credential.publicKey,
      roles, accessList },
  };
}

function teamOf(context: HandlerContext) {
  const o = org(context);
  const { teamId } = context.params;
  const team = findOr(o.teams, (t) => t.id === teamId, () =>
    notFound('TEAM_NOT_FOUND', `No team with ID ${teamId} exists in organization ${o.id}.`,
      teamId, o.id));
  return { o, team };
}

function apiKeyOf(context: HandlerContext): DatasetApiKey {
  const { apiUserId } = context.params;
  return findOr(org(context).apiKeys, (k) => k.id === apiUserId, () =>
    notFound('RESOURCE_NOT_FOUND', `No API key with ID ${apiUserId} exists.`, apiUserId));
}

function serviceAccountOf(context: HandlerContext): DatasetServiceAccount {
  const { clientId } = context.params;
  return findOr(org(context).serviceAccounts, (a) => a.clientId === clientId, () =>
    notFound('RESOURCE_NOT_FOUND', `No service account with client ID ${clientId} exists.`,
      clientId));
}

function teamUsers(context: HandlerContext) {
  const { o, team } = teamOf(context);
  const userId = context.query.get('userId');
  const members = o.users
    .filter((user) => team.memberIds.includes(user.id))
    .filter((user) => userId === null || user.id === userId)
    .map((user) => orgUserView(o, user));
  return pageWithCount(context, filterUsers(context, members));
}

/** Routes under `/` and `/orgs`. */
export const orgRoutes: SimulatorRoute[] = [
  { template: '/', handler: systemStatus },
  { template: '/orgs', handler: (c) =>
    pageOf(c, byName(c, c.estate.visibleOrgs(c.credential)).map(orgSummary)) },
  { template: '/orgs/{orgId}', handler: (c) => orgSummary(org(c)) },
  { template: '/orgs/{orgId}/settings', handler: (c) => org(c).settings ?? DEFAULT_ORG_SETTINGS },
  { template: '/orgs/{orgId}/federationSettings', handler: (c) => {
    const o = org(c);
    if (o.federationSettings) return o.federationSettings;
    throw notFound('RESOURCE_NOT_FOUND', `Organization ${o.id} is not connected to a federation.`,
      o.id);
  } },
  { template: '/orgs/{orgId}/users', handler: (c) => {
    const o = org(c);
    return pageOf(c, filterUsers(c, o.users.map((user) => orgUserView(o, user))));
  } },
  { template: '/orgs/{orgId}/users/{userId}', handler: (c) => {
    const o = org(c);
    const { userId } = c.params;
    const user = findOr(filterUsers(c, o.users), (u) => u.id === userId, () =>
      notFound('USER_NOT_FOUND', `No user with ID ${userId} exists.`, userId));
    return orgUserView(o, user);
  } },
  { template: '/orgs/{orgId}/invites', handler: (c) => {
    const username = c.query.get('username');
    return orgInvites(org(c)).filter((i) => username === null || i.username === username);
  } },
  { template: '/orgs/{orgId}/invites/{invitationId}', handler: (c) => {
    const { invitationId } = c.params;
    return findOr(orgInvites(org(c)), (i) => i.id === invitationId, () =>
      notFound('RESOURCE_NOT_FOUND', `No invitation with ID ${invitationId} exists.`,
        invitationId));
  } },
  { template: '/orgs/{orgId}/teams', handler: (c) =>
    pageOf(c, org(c).teams.map(({ id, name }) => ({ id, name }))) },
  { template: '/orgs/{orgId}/teams/byName/{teamName}', handler: (c) => {
    const o = org(c);
    const { teamName } = c.params;
    const team = findOr(o.teams, (t) => t.name === teamName, () =>
      notFound('TEAM_NOT_FOUND', `No team named ${teamName} exists in organization ${o.id}.`,
        teamName, o.id));
    return { id: team.id, name: team.name };
  } },
  { template: '/orgs/{orgId}/teams/{teamId}', handler: (c) => {
    const { team } = teamOf(c);
    return { id: team.id, name: team.name };
  } },
  { template: '/orgs/{orgId}/teams/{teamId}/users', handler: teamUsers },
  { template: '/orgs/{orgId}/groups', handler: (c) => {
    const o = org(c);
    return pageOf(c, byName(c, c.estate.projectsOf(o.id)).map(projectView));
  } },
  { template: '/orgs/{orgId}/apiKeys', handler: (c) => pageOf(c, org(c).apiKeys.map(apiKeyView)) },
  { template: '/orgs/{orgId}/apiKeys/{apiUserId}', handler: (c) => apiKeyView(apiKeyOf(c)) },
  { template: '/orgs/{orgId}/apiKeys/{apiUserId}/accessList', handler: (c) =>
    pageOf(c, apiKeyOf(c).accessList) },
  { template: '/orgs/{orgId}/serviceAccounts', handler: (c) =>
    pageWithCount(c, org(c).serviceAccounts.map(serviceAccountView)) },
  { template: '/orgs/{orgId}/serviceAccounts/{clientId}', handler: (c) =>
    serviceAccountView(serviceAccountOf(c)) },
  { template: '/orgs/{orgId}/serviceAccounts/{clientId}/accessList', handler: (c) =>
    pageWithCount(c, serviceAccountOf(c).accessList) },
  { template: '/orgs/{orgId}/serviceAccounts/{clientId}/groups', handler: (c) =>
    pageWithCount(c, serviceAccountOf(c).groups) },
  { template: '/orgs/{orgId}/events', handler: (c) =>
    pageOf(c, filterEvents(c, org(c).events ?? [])) },
  { template: '/orgs/{orgId}/events/{eventId}', handler: (c) => {
    const { eventId } = c.params;
    return findOr(org(c).events ?? [], (e) => e.id === eventId, () =>
      notFound('RESOURCE_NOT_FOUND', `No event with ID ${eventId} exists.`, eventId));
  } },
];

/** Converts a project to the served `Group` shape, computing `clusterCount` when unset. */
export function projectView(project: import('./dataset.js').DatasetProject) {
  const clusterCount = project.clusterCount ??
    project.clusters.length + project.flexClusters.length;
  const view: Record<string, unknown> = {
    id: project.id,
    name: project.name,
    orgId: project.orgId,
    created: project.created,
    clusterCount,
    tags: project.tags ?? [],
    withDefaultAlertsSettings: project.withDefaultAlertsSettings ?? true,
  };
  if (project.regionUsageRestrictions) {
    view.regionUsageRestrictions = project.regionUsageRestrictions;
  }
  return view;
}
