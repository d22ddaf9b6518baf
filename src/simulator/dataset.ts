/**
 * The simulator's data model: one JSON document that describes credentials, organisations and
 * projects. docs/simulator.md documents the format with an example.
 *
 * Items keep their dataset order in every list the simulator serves.
 */
import { readFileSync } from 'node:fs';
import type {
  AccessListEntry,
  ApiKey,
  ApiKeyAccessListEntry,
  AtlasCluster,
  AtlasDatabaseUser,
  AtlasEvent,
  AtlasFlexCluster,
  AtlasOrganization,
  AtlasProject,
  AuditLog,
  BackupCompliancePolicy,
  BackupSchedule,
  CustomDbRole,
  EncryptionAtRest,
  MaintenanceWindow,
  NetworkPeeringConnection,
  OrganizationInvitation,
  OrganizationSettings,
  OrgFederationSettings,
  OrgUser,
  PrivateEndpointService,
  ProcessArgs,
  ProjectSettings,
  ServiceAccount,
  ServiceAccountAccessListEntry,
  ServiceAccountGroup,
  TeamRole,
} from '../atlas/types.js';

export type { MaintenanceWindow } from '../atlas/types.js';

/** An API key pair the simulator accepts for HTTP Digest authentication. */
export interface DatasetCredential {
  /** Digest username. Atlas public keys are 8 characters long. */
  publicKey: string;
  /** Digest password. Never logged or served. */
  privateKey: string;
  /** Organisations this key can read, or `"*"` for all of them. */
  orgIds: string[] | '*';
  /** When true, every signed request gets 403 `IP_ADDRESS_NOT_ON_ACCESS_LIST`. */
  ipAccessListBlocked?: boolean;
  /** RegExp sources; a request path that matches one gets 401 `USER_UNAUTHORIZED`. */
  deniedPaths?: string[];
}

/** An organisation team. Membership is stored here only; users' `teamIds` are derived from it. */
export interface DatasetTeam {
  id: string;
  name: string;
  memberIds: string[];
}

/** An organisation API key with its own API access list. */
export interface DatasetApiKey extends ApiKey {
  accessList: ApiKeyAccessListEntry[];
}

/** An organisation service account with its access list and project assignments. */
export interface DatasetServiceAccount extends ServiceAccount {
  accessList: ServiceAccountAccessListEntry[];
  groups: ServiceAccountGroup[];
}

/** An organisation and everything that hangs off it, except projects. */
export interface DatasetOrganization extends AtlasOrganization {
  settings?: OrganizationSettings;
  /** Absent means the organisation has no federation: the endpoint returns 404. */
  federationSettings?: OrgFederationSettings;
  users: OrgUser[];
  teams: DatasetTeam[];
  apiKeys: DatasetApiKey[];
  serviceAccounts: DatasetServiceAccount[];
  /** Absent means invitations are derived from the PENDING and expired users. */
  invites?: OrganizationInvitation[];
  events?: AtlasEvent[];
}

/** `UserSecurity`: LDAP and customer X.509 settings of a project. */
export interface UserSecurity {
  customerX509?: { cas?: string };
  ldap?: {
    authenticationEnabled?: boolean;
    authorizationEnabled?: boolean;
    hostname?: string;
    port?: number;
    bindUsername?: string;
    authzQueryTemplate?: string;
  };
}

/** A cloud provider container (`CloudProviderContainer`), used by network peering. */
export interface CloudProviderContainer {
  id: string;
  providerName: string;
  atlasCidrBlock?: string;
  regionName?: string;
  region?: string;
  provisioned?: boolean;
  [field: string]: unknown;
}

/** A project and its resources. `clusterCount` is computed when absent. */
export interface DatasetProject extends Omit<AtlasProject, 'clusterCount'> {
  clusterCount?: number;
  settings?: ProjectSettings;
  teams?: TeamRole[];
  clusters: AtlasCluster[];
  flexClusters: AtlasFlexCluster[];
  processArgs?: Record<string, ProcessArgs>;
  backupSchedules?: Record<string, BackupSchedule>;
  databaseUsers: AtlasDatabaseUser[];
  customDbRoles: CustomDbRole[];
  accessList: AccessListEntry[];
  auditLog?: AuditLog;
  encryptionAtRest?: EncryptionAtRest;
  backupCompliancePolicy?: BackupCompliancePolicy;
  events?: AtlasEvent[];
  peers?: NetworkPeeringConnection[];
  containers?: CloudProviderContainer[];
  privateEndpointServices?: PrivateEndpointService[];
  maintenanceWindow?: MaintenanceWindow;
  userSecurity?: UserSecurity;
}

/** The whole simulated estate. */
export interface Dataset {
  credentials: DatasetCredential[];
  organizations: DatasetOrganization[];
  projects: DatasetProject[];
}

const HEX24 = /^[a-f0-9]{24}$/;

/** Array fields every organisation and project must carry (possibly empty). */
const ORG_ARRAYS = ['users', 'teams', 'apiKeys', 'serviceAccounts'] as const;
const PROJECT_ARRAYS = [
  'clusters', 'flexClusters', 'databaseUsers', 'customDbRoles', 'accessList',
] as const;

/** Collects the first problem found as a field path such as `projects[2].clusters`. */
class DatasetError extends Error {}

function fail(field: string, expected: string): never {
  throw new DatasetError(`field ${field} is invalid: expected ${expected}`);
}

function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) fail(field, 'an array');
  return value;
}

function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') fail(field, 'a non-empty string');
  return value;
}

function requireId(value: unknown, field: string): string {
  const id = requireString(value, field);
  if (!HEX24.test(id)) fail(field, 'a 24-digit lowercase hex id');
  return id;
}

function validateCredential(value: unknown, field: string): void {
  const credential = value as Partial<DatasetCredential>;
  requireString(credential.publicKey, `${field}.publicKey`);
  requireString(credential.privateKey, `${field}.privateKey`);
  if (credential.orgIds !== '*') {
    requireArray(credential.orgIds, `${field}.orgIds`).forEach((id, i) =>
      requireId(id, `${field}.orgIds[${i}]`),
    );
  }
  for (const [i, source] of (credential.deniedPaths ?? []).entries()) {
    try {
      new RegExp(source);
    } catch {
      fail(`${field}.deniedPaths[${i}]`, 'a valid RegExp source');
    }
  }
}

function validateOrganization(value: unknown, field: string): void {
  const org = value as Record<string, unknown>;
  requireId(org.id, `${field}.id`);
  requireString(org.name, `${field}.name`);
  for (const name of ORG_ARRAYS) requireArray(org[name], `${field}.${name}`);
  (org.users as unknown[]).forEach((user, i) => {
    const u = user as Partial<OrgUser>;
    requireId(u.id, `${field}.users[${i}].id`);
    requireString(u.username, `${field}.users[${i}].username`);
    requireString(u.orgMembershipStatus, `${field}.users[${i}].orgMembershipStatus`);
  });
  (org.teams as unknown[]).forEach((team, i) => {
    const t = team as Partial<DatasetTeam>;
    requireId(t.id, `${field}.teams[${i}].id`);
    requireArray(t.memberIds, `${field}.teams[${i}].memberIds`);
  });
  (org.serviceAccounts as unknown[]).forEach((account, i) => {
    const a = account as Partial<DatasetServiceAccount>;
    requireString(a.clientId, `${field}.serviceAccounts[${i}].clientId`);
    requireArray(a.accessList, `${field}.serviceAccounts[${i}].accessList`);
    requireArray(a.groups, `${field}.serviceAccounts[${i}].groups`);
  });
  (org.apiKeys as unknown[]).forEach((key, i) => {
    requireId((key as ApiKey).id, `${field}.apiKeys[${i}].id`);
    requireArray((key as DatasetApiKey).accessList, `${field}.apiKeys[${i}].accessList`);
  });
}

function validateProject(value: unknown, field: string, orgIds: Set<string>): void {
  const project = value as Record<string, unknown>;
  requireId(project.id, `${field}.id`);
  requireString(project.name, `${field}.name`);
  const orgId = requireId(project.orgId, `${field}.orgId`);
  if (!orgIds.has(orgId)) fail(`${field}.orgId`, 'the id of an organisation in the dataset');
  requireString(project.created, `${field}.created`);
  for (const name of PROJECT_ARRAYS) requireArray(project[name], `${field}.${name}`);
  (project.clusters as unknown[]).forEach((cluster, i) =>
    requireString((cluster as AtlasCluster).name, `${field}.clusters[${i}].name`),
  );
  (project.flexClusters as unknown[]).forEach((cluster, i) =>
    requireString((cluster as AtlasFlexCluster).name, `${field}.flexClusters[${i}].name`),
  );
  (project.databaseUsers as unknown[]).forEach((user, i) => {
    const u = user as Partial<AtlasDatabaseUser>;
    requireString(u.username, `${field}.databaseUsers[${i}].username`);
    requireString(u.databaseName, `${field}.databaseUsers[${i}].databaseName`);
  });
}

/**
 * Checks the structure the simulator relies on and returns the value typed as a `Dataset`.
 * Throws an Error whose message names the first invalid field, for example
 * `field projects[3].orgId is invalid: expected a 24-digit lowercase hex id`.
 */
export function validateDataset(value: unknown): Dataset {
  if (typeof value !== 'object' || value === null) fail('(root)', 'a JSON object');
  const data = value as Record<string, unknown>;
  requireArray(data.credentials, 'credentials').forEach((c, i) =>
    validateCredential(c, `credentials[${i}]`),
  );
  const orgs = requireArray(data.organizations, 'organizations');
  orgs.forEach((org, i) => validateOrganization(org, `organizations[${i}]`));
  const orgIds = new Set(orgs.map((org) => (org as AtlasOrganization).id));
  requireArray(data.projects, 'projects').forEach((p, i) =>
    validateProject(p, `projects[${i}]`, orgIds),
  );
  return value as Dataset;
}

/**
 * Reads and validates a dataset JSON file.
 * Throws an Error naming the file and, for a structural problem, the invalid field.
 */
export function loadDatasetFile(path: string): Dataset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read simulator dataset file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    throw new Error(`Simulator dataset file ${path} is not valid JSON: ${reason}`);
  }
  try {
    return validateDataset(parsed);
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    throw new Error(`Simulator dataset file ${path} is invalid: ${error.message}.`);
  }
}
