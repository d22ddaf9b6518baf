/**
 * The access review: every principal with access to an organisation, with the grants behind
 * each role and flags a reviewer filters on. `buildAccessReview` is pure; the loaders gather
 * its input.
 */
import type {
  ApiKey,
  ApiKeyAccessListEntry,
  AtlasDatabaseUser,
  AtlasOrganization,
  AtlasProject,
  OrganizationSettings,
  OrgUser,
  ServiceAccount,
  ServiceAccountAccessListEntry,
  ServiceAccountGroup,
  Team,
  TeamRole,
} from '../atlas/types.js';
import { ANY_DATABASE_ADMIN_ROLES, authenticationKind } from './checks/database.js';
import type { ComplianceConfig } from './config.js';
import type { Loaded } from './types.js';

/** A condition a reviewer filters principals on. */
export type AccessFlag =
  | 'PRIVILEGED'
  | 'STALE'
  | 'PENDING'
  | 'EXPIRED'
  | 'NO_MFA_ENFORCEMENT'
  | 'NO_ACCESS_LIST';

/** One role in one project and its grant: direct, through a team, or implied by an org role. */
export interface RoleGrant {
  role: string;
  via: 'DIRECT' | 'TEAM' | 'ORGANISATION';
  teamId: string | null;
  teamName: string | null;
  /** The organisation role that implies this project role, for `via: ORGANISATION`. */
  orgRole: string | null;
}

/** The roles of one principal in one project, with the grants that give them. */
export interface EffectiveProjectRoles {
  projectId: string;
  projectName: string | null;
  roles: string[];
  grants: RoleGrant[];
}

/** An organisation member or invitee. */
export interface ReviewedUser {
  id: string;
  username: string;
  membershipStatus: string;
  orgRoles: string[];
  teams: { id: string; name: string | null }[];
  effectiveProjectRoles: EffectiveProjectRoles[];
  lastAuth: string | null;
  createdAt: string | null;
  invitationCreatedAt: string | null;
  invitationExpiresAt: string | null;
  flags: AccessFlag[];
}

/** One network an API key or service account may be used from, with its last use. */
export interface ReviewedAccessListEntry {
  ipAddress: string | null;
  cidrBlock: string | null;
  lastUsed: string | null;
  lastUsedAddress: string | null;
}

/** A machine credential: an API key or a service account. */
export interface ReviewedMachinePrincipal {
  kind: 'API_KEY' | 'SERVICE_ACCOUNT';
  /** API key id or service-account client id. */
  id: string;
  /** API public key or service-account name. */
  name: string | null;
  description: string | null;
  orgRoles: string[];
  projectRoles: EffectiveProjectRoles[];
  /** Null when the access list could not be read. */
  accessList: ReviewedAccessListEntry[] | null;
  secrets: { id: string; expiresAt: string; lastUsedAt: string | null }[];
  /** Latest use Atlas reports (access-list `lastUsed`, secret `lastUsedAt`). */
  lastUsed: string | null;
  flags: AccessFlag[];
}

/** A database user of one project. */
export interface ReviewedDatabaseUser {
  projectId: string;
  projectName: string;
  username: string;
  databaseName: string;
  roles: { roleName: string; databaseName: string; collectionName: string | null }[];
  scopes: { name: string; type: string }[];
  authenticationKind: string;
  deleteAfterDate: string | null;
  flags: AccessFlag[];
}

/** A part of the review that could not be read, with the reason. */
export interface ReviewGap {
  endpoint: string;
  reason: string;
}

/** The whole access review of an organisation. */
export interface AccessReview {
  orgId: string;
  observedAt: string;
  /** Null when the organisation settings could not be read. */
  mfaRequired: boolean | null;
  users: ReviewedUser[];
  machinePrincipals: ReviewedMachinePrincipal[];
  databaseUsers: ReviewedDatabaseUser[];
  gaps: ReviewGap[];
}

/** Everything `buildAccessReview` judges, as loaded. */
export interface AccessReviewInput {
  org: AtlasOrganization;
  settings: Loaded<OrganizationSettings>;
  users: Loaded<OrgUser[]>;
  teams: Loaded<Team[]>;
  projects: Loaded<AtlasProject[]>;
  /** Team roles per project id. */
  projectTeams: Record<string, Loaded<TeamRole[]>>;
  apiKeys: Loaded<ApiKey[]>;
  apiKeyAccessLists: Record<string, Loaded<ApiKeyAccessListEntry[]>>;
  serviceAccounts: Loaded<ServiceAccount[]>;
  serviceAccountAccessLists: Record<string, Loaded<ServiceAccountAccessListEntry[]>>;
  serviceAccountProjects: Record<string, Loaded<ServiceAccountGroup[]>>;
  /** Database users per project id. */
  databaseUsers: Record<string, Loaded<AtlasDatabaseUser[]>>;
}

/** Organisation roles that give a role in every project, as Atlas documents them. */
const IMPLIED_PROJECT_ROLES: Record<string, string> = {
  ORG_OWNER: 'GROUP_OWNER',
  ORG_READ_ONLY: 'GROUP_READ_ONLY',
};

/** Roles that can change access or reach all data. */
export const PRIVILEGED_ORG_ROLES: ReadonlySet<string> = new Set(['ORG_OWNER']);
export const PRIVILEGED_PROJECT_ROLES: ReadonlySet<string> = new Set([
  'GROUP_OWNER',
  'GROUP_DATA_ACCESS_ADMIN',
  'GROUP_DATABASE_ACCESS_ADMIN',
]);

const DAY_MS = 86_400_000;

function valueOr<T>(read: Loaded<T> | undefined, fallback: T): T {
  return read?.ok ? read.value : fallback;
}

/** Collects the reason of every failed read in `reads`. */
function gapsOf(reads: (Loaded<unknown> | undefined)[]): ReviewGap[] {
  const gaps = new Map<string, ReviewGap>();
  for (const read of reads) {
    if (read && !read.ok) {
      gaps.set(read.reason, { endpoint: read.source.endpoint, reason: read.reason });
    }
  }
  return [...gaps.values()];
}

/** Merges grants into one entry per project, roles sorted and unique. */
function groupByProject(
  grants: { projectId: string; grant: RoleGrant }[],
  names: Map<string, string>,
): EffectiveProjectRoles[] {
  const byProject = new Map<string, RoleGrant[]>();
  for (const { projectId, grant } of grants) {
    byProject.set(projectId, [...(byProject.get(projectId) ?? []), grant]);
  }
  return [...byProject.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([projectId, list]) => ({
      projectId,
      projectName: names.get(projectId) ?? null,
      roles: [...new Set(list.map((grant) => grant.role))].sort(),
      grants: list,
    }));
}

function grant(role: string, via: RoleGrant['via'], extra: Partial<RoleGrant> = {}): RoleGrant {
  return { role, via, teamId: null, teamName: null, orgRole: null, ...extra };
}

/** Lists the project roles of one user: direct, through each team, implied by org roles. */
function userProjectRoles(
  user: OrgUser,
  input: AccessReviewInput,
  names: Map<string, string>,
  teamNames: Map<string, string>,
) {
  const grants: { projectId: string; grant: RoleGrant }[] = [];
  for (const assignment of user.roles?.groupRoleAssignments ?? []) {
    for (const role of assignment.groupRoles) {
      grants.push({ projectId: assignment.groupId, grant: grant(role, 'DIRECT') });
    }
  }
  const teamIds = new Set(user.teamIds ?? []);
  for (const [projectId, read] of Object.entries(input.projectTeams)) {
    for (const teamRole of valueOr(read, [])) {
      if (!teamIds.has(teamRole.teamId)) continue;
      const teamName = teamNames.get(teamRole.teamId) ?? null;
      for (const role of teamRole.roleNames) {
        grants.push(
          { projectId, grant: grant(role, 'TEAM', { teamId: teamRole.teamId, teamName }) },
        );
      }
    }
  }
  for (const orgRole of user.roles?.orgRoles ?? []) {
    const implied = IMPLIED_PROJECT_ROLES[orgRole];
    if (!implied) continue;
    for (const projectId of names.keys()) {
      grants.push({ projectId, grant: grant(implied, 'ORGANISATION', { orgRole }) });
    }
  }
  return groupByProject(grants, names);
}

function isStale(last: string | undefined | null, now: number, days: number): boolean {
  return last !== undefined && last !== null && now - Date.parse(last) > days * DAY_MS;
}

/** True when an org role or any project role is in the privileged sets. */
function isPrivileged(orgRoles: string[], projectRoles: EffectiveProjectRoles[]): boolean {
  return (
    orgRoles.some((role) => PRIVILEGED_ORG_ROLES.has(role)) ||
    projectRoles.some((entry) => entry.roles.some((role) => PRIVILEGED_PROJECT_ROLES.has(role)))
  );
}

function userFlags(
  user: OrgUser,
  projectRoles: EffectiveProjectRoles[],
  config: ComplianceConfig,
  now: number,
  mfaRequired: boolean | null,
): AccessFlag[] {
  const flags: AccessFlag[] = [];
  if (isPrivileged(user.roles?.orgRoles ?? [], projectRoles)) flags.push('PRIVILEGED');

  // A member with no login and no creation date is treated as stale, like the check does.
  const lastSeen = user.lastAuth ?? user.createdAt;
  const active = user.orgMembershipStatus === 'ACTIVE';
  if (active && (!lastSeen || isStale(lastSeen, now, config.staleLoginDays))) {
    flags.push('STALE');
  }

  if (user.orgMembershipStatus === 'PENDING') flags.push('PENDING');
  if (user.orgMembershipStatus === 'INVITATION_EXPIRED') flags.push('EXPIRED');
  if (mfaRequired === false) flags.push('NO_MFA_ENFORCEMENT');
  return flags;
}

function reviewUser(
  user: OrgUser,
  input: AccessReviewInput,
  config: ComplianceConfig,
  now: number,
  maps: ReviewMaps,
): ReviewedUser {
  const orgRoles = user.roles?.orgRoles ?? [];
  const effectiveProjectRoles = userProjectRoles(user, input, maps.projectNames, maps.teamNames);
  const flags = userFlags(user, effectiveProjectRoles, config, now, maps.mfaRequired);
  return {
    id: user.id,
    username: user.username,
    membershipStatus: user.orgMembershipStatus,
    orgRoles,
    teams: (user.teamIds ?? []).map((id) => ({ id, name: maps.teamNames.get(id) ?? null })),
    effectiveProjectRoles,
    lastAuth: user.lastAuth ?? null,
    createdAt: user.createdAt ?? null,
    invitationCreatedAt: user.invitationCreatedAt ?? null,
    invitationExpiresAt: user.invitationExpiresAt ?? null,
    flags,
  };
}

interface ReviewMaps {
  projectNames: Map<string, string>;
  teamNames: Map<string, string>;
  mfaRequired: boolean | null;
}

function latest(times: (string | undefined | null)[]): string | null {
  const known = times.filter((time): time is string => typeof time === 'string');
  return known.length === 0 ? null : known.reduce(
    (a, b) => (Date.parse(a) >= Date.parse(b) ? a : b),
  );
}

/** Flags shared by API keys and service accounts. */
function machineFlags(
  orgRoles: string[],
  projectRoles: EffectiveProjectRoles[],
  accessList: ReviewedAccessListEntry[] | null,
  lastUsed: string | null,
  config: ComplianceConfig,
  now: number,
): AccessFlag[] {
  const flags: AccessFlag[] = [];
  if (isPrivileged(orgRoles, projectRoles)) flags.push('PRIVILEGED');
  if (isStale(lastUsed, now, config.staleLoginDays)) flags.push('STALE');
  if (accessList !== null && accessList.length === 0) flags.push('NO_ACCESS_LIST');
  return flags;
}

function reviewApiKey(
  key: ApiKey,
  input: AccessReviewInput,
  config: ComplianceConfig,
  now: number,
  maps: ReviewMaps,
): ReviewedMachinePrincipal {
  const roles = key.roles ?? [];
  const orgRoles = roles.filter((role) => role.groupId === undefined).map((role) => role.roleName);
  const projectRoles = groupByProject(
    roles.filter((role) => role.groupId !== undefined).map(
      (role) => ({ projectId: role.groupId!, grant: grant(role.roleName, 'DIRECT') }),
    ),
    maps.projectNames,
  );
  const read = input.apiKeyAccessLists[key.id];
  const accessList = read?.ok
    ? read.value.map((entry) => ({
        ipAddress: entry.ipAddress ?? null,
        cidrBlock: entry.cidrBlock ?? null,
        lastUsed: entry.lastUsed ?? null,
        lastUsedAddress: entry.lastUsedAddress ?? null,
      }))
    : null;
  const lastUsed = latest((accessList ?? []).map((entry) => entry.lastUsed));
  return {
    kind: 'API_KEY',
    id: key.id,
    name: key.publicKey,
    description: key.desc ?? null,
    orgRoles,
    projectRoles,
    accessList,
    secrets: [],
    lastUsed,
    flags: machineFlags(orgRoles, projectRoles, accessList, lastUsed, config, now),
  };
}

function reviewServiceAccount(
  account: ServiceAccount,
  input: AccessReviewInput,
  config: ComplianceConfig,
  now: number,
  maps: ReviewMaps,
): ReviewedMachinePrincipal {
  const orgRoles = account.roles ?? [];
  const projectRoles = groupByProject(
    valueOr(input.serviceAccountProjects[account.clientId], []).flatMap((group) =>
      group.roles.map((role) => ({ projectId: group.groupId, grant: grant(role, 'DIRECT') })),
    ),
    maps.projectNames,
  );
  const read = input.serviceAccountAccessLists[account.clientId];
  const accessList = read?.ok
    ? read.value.map((entry) => ({
        ipAddress: entry.ipAddress ?? null,
        cidrBlock: entry.cidrBlock ?? null,
        lastUsed: entry.lastUsedAt ?? null,
        lastUsedAddress: entry.lastUsedAddress ?? null,
      }))
    : null;
  const secrets = (account.secrets ?? []).map((secret) => ({
    id: secret.id,
    expiresAt: secret.expiresAt,
    lastUsedAt: secret.lastUsedAt ?? null,
  }));
  const lastUsed = latest(
    [
      ...secrets.map((secret) => secret.lastUsedAt),
      ...(accessList ?? []).map((entry) => entry.lastUsed)
    ],
  );
  const flags = machineFlags(orgRoles, projectRoles, accessList, lastUsed, config, now);
  const allExpired = secrets.every((secret) => Date.parse(secret.expiresAt) <= now);
  if (secrets.length > 0 && allExpired) flags.push('EXPIRED');
  return {
    kind: 'SERVICE_ACCOUNT',
    id: account.clientId,
    name: account.name ?? null,
    description: account.description ?? null,
    orgRoles,
    projectRoles,
    accessList,
    secrets,
    lastUsed,
    flags,
  };
}

function reviewDatabaseUser(
  user: AtlasDatabaseUser,
  project: AtlasProject,
  now: number,
): ReviewedDatabaseUser {
  const roles = (user.roles ?? []).map((role) => ({
    roleName: role.roleName,
    databaseName: role.databaseName,
    collectionName: role.collectionName ?? null,
  }));
  const flags: AccessFlag[] = [];
  if (roles.some((role) => ANY_DATABASE_ADMIN_ROLES.has(role.roleName))) flags.push('PRIVILEGED');
  const deleteAfter = user.deleteAfterDate;
  if (deleteAfter !== undefined && Date.parse(deleteAfter) <= now) flags.push('EXPIRED');
  return {
    projectId: project.id,
    projectName: project.name,
    username: user.username,
    databaseName: user.databaseName,
    roles,
    scopes: (user.scopes ?? []).map((scope) => ({ name: scope.name, type: scope.type })),
    authenticationKind: authenticationKind(user),
    deleteAfterDate: user.deleteAfterDate ?? null,
    flags,
  };
}

/** Builds the access review from loaded data. */
export function buildAccessReview(
  input: AccessReviewInput,
  config: ComplianceConfig,
  now: number,
): AccessReview {
  const projects = valueOr(input.projects, []);
  const maps: ReviewMaps = {
    projectNames: new Map(projects.map((project) => [project.id, project.name])),
    teamNames: new Map(valueOr(input.teams, []).map((team) => [team.id, team.name])),
    mfaRequired: input.settings.ok ? input.settings.value.multiFactorAuthRequired ?? null : null,
  };
  const machinePrincipals = [
    ...valueOr(input.apiKeys, []).map((key) => reviewApiKey(key, input, config, now, maps)),
    ...valueOr(input.serviceAccounts, []).map(
      (account) => reviewServiceAccount(account, input, config, now, maps),
    ),
  ];
  const databaseUsers = projects.flatMap((project) =>
    valueOr(input.databaseUsers[project.id], []).map(
      (user) => reviewDatabaseUser(user, project, now),
    ),
  );
  const gaps = gapsOf([
    input.settings, input.users, input.teams, input.projects, input.apiKeys, input.serviceAccounts,
    ...Object.values(input.projectTeams), ...Object.values(input.apiKeyAccessLists),
    ...Object.values(
      input.serviceAccountAccessLists,
    ), ...Object.values(input.serviceAccountProjects),
    ...Object.values(input.databaseUsers),
  ]);
  return {
    orgId: input.org.id,
    observedAt: new Date(now).toISOString(),
    mfaRequired: maps.mfaRequired,
    users: valueOr(input.users, []).map((user) => reviewUser(user, input, config, now, maps)),
    machinePrincipals,
    databaseUsers,
    gaps,
  };
}
