/**
 * The data each check scope is judged on. Every field is `Loaded`, so a failed read reaches the
 * check as a reason and becomes an UNKNOWN verdict.
 */
import type {
  AccessListEntry,
  ApiKey,
  ApiKeyAccessListEntry,
  AtlasDatabaseUser,
  AtlasOrganization,
  AtlasProject,
  AuditLog,
  CustomDbRole,
  EncryptionAtRest,
  NetworkPeeringConnection,
  OrgFederationSettings,
  OrganizationSettings,
  OrgUser,
  PrivateEndpointService,
  ProcessArgs,
  ServiceAccount,
} from '../atlas/types.js';
import type { ClusterModel } from '../loaders/models.js';
import type { ComplianceConfig } from './config.js';
import type { Loaded } from './types.js';

/** Organisation-level data for the identity checks. */
export interface OrganisationSnapshot {
  org: AtlasOrganization;
  settings: Loaded<OrganizationSettings>;
  /** Readable only with Organization Owner; a denied read leaves checks that use it unaffected. */
  federation: Loaded<OrgFederationSettings>;
  /** Members and invitees of every membership status. */
  users: Loaded<OrgUser[]>;
  apiKeys: Loaded<ApiKey[]>;
  /** Access list per API key id, read for each key in `apiKeys`. */
  apiKeyAccessLists: Record<string, Loaded<ApiKeyAccessListEntry[]>>;
  serviceAccounts: Loaded<ServiceAccount[]>;
}

/** Project-level data for the database-access, network, logging and key checks. */
export interface ProjectSnapshot {
  project: AtlasProject;
  /** Dedicated, shared-tier and flex clusters together. */
  clusters: Loaded<ClusterModel[]>;
  databaseUsers: Loaded<AtlasDatabaseUser[]>;
  customRoles: Loaded<CustomDbRole[]>;
  accessList: Loaded<AccessListEntry[]>;
  auditLog: Loaded<AuditLog>;
  encryptionAtRest: Loaded<EncryptionAtRest>;
  /** Private endpoint services of every cloud provider. */
  privateEndpoints: Loaded<PrivateEndpointService[]>;
  peers: Loaded<NetworkPeeringConnection[]>;
}

/** One cluster as listed, plus its advanced configuration for dedicated clusters. */
export interface ClusterSnapshot {
  cluster: Loaded<ClusterModel>;
  /** Read only for dedicated clusters; undefined for shared-tier and flex clusters. */
  processArgs?: Loaded<ProcessArgs>;
}

/** Inputs every check receives besides its snapshot. */
export interface CheckEnvironment {
  config: ComplianceConfig;
  /** Evaluation time in epoch milliseconds. */
  now: number;
}
