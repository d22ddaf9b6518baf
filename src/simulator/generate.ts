/**
 * Deterministic large estates for pagination tests and benchmarks. The same seed and options
 * always give the same dataset, ids included.
 */
import type { AtlasDatabaseUser, OrgUser } from '../atlas/types.js';
import type {
  Dataset, DatasetOrganization, DatasetProject, DatasetServiceAccount, DatasetTeam,
} from './dataset.js';
import { DEMO_CREDENTIAL } from './demo.js';
import { buildCluster, hexId, relativeDates, scramUser } from './fixtures.js';

export { demoDataset } from './demo.js';

/** Sizes and seed of a generated estate. Counts are per parent; defaults are small. */
export interface GenerateOptions {
  /** PRNG seed; default 1. */
  seed?: number;
  /** Default 1. */
  orgs?: number;
  /** Default 3. */
  projectsPerOrg?: number;
  /** Default 2. */
  clustersPerProject?: number;
  /** Default 5. */
  databaseUsersPerProject?: number;
  /** Default 10. */
  usersPerOrg?: number;
  /** Default 2. */
  teamsPerOrg?: number;
  /** Default 3; capped at `usersPerOrg`. */
  membersPerTeam?: number;
  /** Clock in epoch milliseconds that dates are relative to; default `Date.now()`. */
  now?: number;
}

/** mulberry32: a small, fast 32-bit PRNG, good enough for varied test data. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Dates = ReturnType<typeof relativeDates>;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const FIRST_NAMES = ['Ada', 'Bola', 'Chen', 'Dana', 'Élodie', 'Femi', 'Greta', 'Hiro', 'Inés',
  'Jon'];
const LAST_NAMES = ['Okafor', 'Larsen', 'Müller', 'Park', 'Rossi', 'Singh', 'Tanaka', 'Weiß'];
const PROJECT_ROLES = ['GROUP_OWNER', 'GROUP_READ_ONLY', 'GROUP_CLUSTER_MANAGER',
  'GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_DATA_ACCESS_READ_WRITE'];
const DB_ROLES = ['read', 'readWrite', 'atlasAdmin', 'readWriteAnyDatabase', 'dbAdmin'];
const TLS = ['TLS1_2', 'TLS1_2', 'TLS1_2', 'TLS1_0', 'TLS1_3'];
const REGIONS: [string, string][] = [['AWS', 'US_EAST_1'], ['AWS', 'EU_WEST_1'],
  ['GCP', 'CENTRAL_US'], ['AZURE', 'EUROPE_NORTH']];

interface Sizes {
  projects: number; clusters: number; dbUsers: number; users: number; teams: number;
  members: number;
}

function orgUsers(random: Random, d: Dates, o: number, sizes: Sizes, groupIds: string[]) {
  return Array.from({ length: sizes.users }, (_, u): OrgUser => {
    const id = hexId(`7${pad(o, 3)}c`, u + 1);
    const groupRoleAssignments = groupIds.length > 0 && random() < 0.6
      ? [{ groupId: pick(random, groupIds), groupRoles: [pick(random, PROJECT_ROLES)] }] : [];
    const orgRoles = [u === 0 ? 'ORG_OWNER' : pick(random, ['ORG_MEMBER', 'ORG_MEMBER',
      'ORG_READ_ONLY'])];
    const username = `user${pad(u + 1, 4)}@org${pad(o + 1, 3)}.example`;
    if (u > 0 && random() < 0.05) {
      return { id, username, orgMembershipStatus: 'PENDING', roles: { orgRoles,
        groupRoleAssignments },
        teamIds: [], invitationCreatedAt: d.daysAgo(5), invitationExpiresAt: d.daysAhead(25),
        inviterUsername: `user0001@org${pad(o + 1, 3)}.example` };
    }
    return { id, username, orgMembershipStatus: 'ACTIVE', roles: { orgRoles, groupRoleAssignments },
      teamIds: [], createdAt: d.daysAgo(400 + u % 300), firstName: pick(random, FIRST_NAMES),
      lastName: pick(random, LAST_NAMES), lastAuth: d.daysAgo(Math.floor(random() * 240)),
      country: 'US' };
  });
}

function databaseUsers(random: Random, d: Dates, groupId: string, count: number) {
  return Array.from({ length: count }, (_, i): AtlasDatabaseUser => {
    const temporary = random() < 0.1 ? { deleteAfterDate: d.daysAhead(1 + (i % 30)) } : {};
    return scramUser(groupId, `db-user-${pad(i + 1, 5)}`, pick(random, DB_ROLES), 'app', temporary);
  });
}

function project(random: Random, d: Dates, orgId: string, o: number, p: number, sizes: Sizes) {
  const id = hexId(`7${pad(o, 3)}b`, p + 1);
  const clusters = Array.from({ length: sizes.clusters }, (_, c) => {
    const [providerName, regionName] = pick(random, REGIONS);
    const backup = random() < 0.7;
    return buildCluster({ id: hexId(`7${pad(o, 3)}f${pad(p, 5)}`, c + 1), groupId: id,
      name: `cluster-${pad(c + 1, 3)}`, createDate: d.daysAgo(100 + c), instanceSize: 'M10',
      providerName, regionName, mongoDBVersion: pick(random, ['6.0.19', '7.0.15', '8.0.4']) }, {
      backupEnabled: backup, pitEnabled: backup && random() < 0.5,
      terminationProtectionEnabled: random() < 0.5, encryptionAtRestProvider: 'NONE',
      redactClientLogData: random() < 0.5,
      advancedConfiguration: { minimumEnabledTlsProtocol: pick(random, TLS),
        tlsCipherConfigMode: 'DEFAULT' } });
  });
  const result: DatasetProject = {
    id, name: `project-${pad(p + 1, 4)}`, orgId, created: d.daysAgo(500 - (p % 400)),
    tags: [], clusters, flexClusters: [],
    databaseUsers: databaseUsers(random, d, id, sizes.dbUsers),
    customDbRoles: [],
    accessList: random() < 0.2
      ? [{ cidrBlock: '0.0.0.0/0', comment: 'open' }]
      : [{ cidrBlock: `10.${p % 256}.0.0/16`, comment: 'private range' }],
    auditLog: { enabled: random() < 0.5, auditAuthorizationSuccess: false, auditFilter: '{}',
      configurationType: 'FILTER_JSON' },
  };
  if (p % 3 === 2) {
    result.flexClusters.push({ id: hexId(`7${pad(o, 3)}e`, p + 1), groupId: id, name: 'flex-001',
      createDate: d.daysAgo(30), mongoDBVersion: '8.0.4', clusterType: 'REPLICASET',
      stateName: 'IDLE', providerSettings: { backingProviderName: 'AWS', providerName: 'FLEX',
        regionName: 'US_EAST_1', diskSizeGB: 5 }, backupSettings: { enabled: true } });
  }
  if (p % 4 === 0) {
    result.backupCompliancePolicy = { projectId: id, state: 'ACTIVE',
      authorizedEmail: `user0001@org${pad(o + 1, 3)}.example`, authorizedUserFirstName: 'Ada',
      authorizedUserLastName: 'Okafor', copyProtectionEnabled: true, encryptionAtRestEnabled: false,
      pitEnabled: false, restoreWindowDays: 7, scheduledPolicyItems: [{ frequencyType: 'daily',
        frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }] };
  }
  return result;
}

function teams(o: number, users: OrgUser[], sizes: Sizes): DatasetTeam[] {
  const members = Math.min(sizes.members, users.length);
  return Array.from({ length: sizes.teams }, (_, t) => ({
    id: hexId(`7${pad(o, 3)}d`, t + 1),
    name: `team-${pad(t + 1, 3)}`,
    memberIds: Array.from({ length: members }, (_,
      m) => users[(t * members + m) % users.length].id),
  }));
}

function serviceAccount(d: Dates, o: number, groupIds: string[]): DatasetServiceAccount {
  return { clientId: `mdb_sa_id_${hexId(`7${pad(o, 3)}a`, 1)}`, name: 'generated-reader',
    createdAt: d.daysAgo(100), roles: ['ORG_READ_ONLY'],
    secrets: [{ id: hexId(`7${pad(o, 3)}9`, 1), createdAt: d.daysAgo(100),
      expiresAt: d.daysAhead(265), maskedSecretValue: 'mdb_sa_sk_...0000' }],
    accessList: [{ cidrBlock: '192.0.2.0/24', createdAt: d.daysAgo(100), requestCount: 0 }],
    groups: groupIds.slice(0, 3).map((groupId) => ({ groupId, roles: ['GROUP_READ_ONLY'] })) };
}

function organization(random: Random, d: Dates, o: number, sizes: Sizes) {
  const orgId = hexId('7000a', o + 1);
  const projects = Array.from({ length: sizes.projects }, (_, p) =>
    project(random, d, orgId, o, p, sizes));
  const groupIds = projects.map((p) => p.id);
  const users = orgUsers(random, d, o, sizes, groupIds);
  const org: DatasetOrganization = {
    id: orgId, name: `Generated Org ${o + 1}`, isDeleted: false,
    settings: { multiFactorAuthRequired: random() < 0.5, apiAccessListRequired: random() < 0.5,
      restrictEmployeeAccess: false, maxServiceAccountSecretValidityInHours: 8760 },
    users, teams: teams(o, users, sizes),
    apiKeys: [{ id: hexId(`7${pad(o, 3)}5`, 1), publicKey: `gen${pad(o, 5)}`, desc: 'generated key',
      roles: [{ roleName: 'ORG_READ_ONLY', orgId }], accessList: [] }],
    serviceAccounts: [serviceAccount(d, o, groupIds)],
    events: [{ id: hexId(`7${pad(o, 3)}8`, 1), created: d.daysAgo(3), eventTypeName: 'JOINED_ORG',
      orgId, userId: users[0].id, username: users[0].username, isGlobalAdmin: false }],
  };
  if (o === 0) {
    org.federationSettings = { id: hexId('7000f', 1), federatedDomains: ['org001.example'],
      hasRoleMappings: true, identityProviderId: '0a1b2c3d4e5f6a7b8c9d',
        identityProviderStatus: 'ACTIVE' };
  }
  return { org, projects };
}

/**
 * Generates an estate from a seed: `orgs` organisations, each with `projectsPerOrg` projects
 * and the other counts per parent, plus the demo credential `pub-test` / `priv-test`.
 */
export function generateDataset(options: GenerateOptions = {}): Dataset {
  const random = createRandom(options.seed ?? 1);
  const d = relativeDates(options.now ?? Date.now());
  const sizes: Sizes = {
    projects: options.projectsPerOrg ?? 3,
    clusters: options.clustersPerProject ?? 2,
    dbUsers: options.databaseUsersPerProject ?? 5,
    users: Math.max(1, options.usersPerOrg ?? 10),
    teams: options.teamsPerOrg ?? 2,
    members: options.membersPerTeam ?? 3,
  };
  const built = Array.from({ length: options.orgs ?? 1 }, (_, o) =>
    organization(random, d, o, sizes));
  return {
    credentials: [{ ...DEMO_CREDENTIAL }],
    organizations: built.map((b) => b.org),
    projects: built.flatMap((b) => b.projects),
  };
}
