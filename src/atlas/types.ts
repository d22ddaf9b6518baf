/**
 * Response shapes of the Atlas Admin API v2 endpoints this product reads, written by hand from
 * the published OpenAPI spec. Only fields we use or pass through are listed. Atlas may add
 * fields and enum values at any time, so enums are open `string` unions.
 */

/** A link in a paginated envelope (`rel` is `self`, `next` or `previous`). */
export interface AtlasLink {
  href: string;
  rel: string;
}

/** The paginated envelope every paged list returns. `totalCount` may be an estimate. */
export interface Paginated<T> {
  results: T[];
  totalCount?: number;
  links?: AtlasLink[];
}

/** The Atlas error body (`ApiError`). */
export interface AtlasErrorBody {
  error: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  badRequestDetail?: { fields?: { field: string; description: string }[] };
}

export interface Tag {
  key: string;
  value: string;
}

export interface AtlasOrganization {
  id: string;
  name: string;
  isDeleted?: boolean;
  skipDefaultAlertsSettings?: boolean;
}

export interface OrganizationSettings {
  multiFactorAuthRequired?: boolean;
  apiAccessListRequired?: boolean;
  restrictEmployeeAccess?: boolean;
  maxServiceAccountSecretValidityInHours?: number;
  securityContact?: string;
  customSessionTimeouts?: {
    idleSessionTimeoutInSeconds?: number | null;
    absoluteSessionTimeoutInSeconds?: number | null;
  };
  genAIFeaturesEnabled?: boolean;
}

export interface OrgFederationSettings {
  id: string;
  federatedDomains?: string[];
  hasRoleMappings?: boolean;
  identityProviderId?: string;
  identityProviderStatus?: string;
}

export interface GroupRoleAssignment {
  groupId: string;
  groupRoles: string[];
}

/** `OrgUserResponse`: an organisation member or invitee (version 2025-02-19). */
export interface OrgUser {
  id: string;
  username: string;
  orgMembershipStatus: 'ACTIVE' | 'PENDING' | 'INVITATION_EXPIRED' | 'INVITATION_REJECTED' | string;
  roles: { orgRoles?: string[]; groupRoleAssignments?: GroupRoleAssignment[] };
  teamIds?: string[];
  /** ACTIVE only. */
  createdAt?: string;
  firstName?: string;
  lastName?: string;
  lastAuth?: string;
  country?: string;
  /** Invitees only. */
  invitationCreatedAt?: string;
  invitationExpiresAt?: string;
  inviterUsername?: string;
}

/** `GroupUserResponse`: like `OrgUser`, but `roles` is a flat list of project roles. */
export interface GroupUser extends Omit<OrgUser, 'roles'> {
  roles: string[];
}

export interface OrganizationInvitation {
  id: string;
  orgId: string;
  orgName?: string;
  username: string;
  inviterUsername?: string;
  createdAt?: string;
  expiresAt?: string;
  roles?: string[];
  teamIds?: string[];
  groupRoleAssignments?: { groupId: string; groupRole: string }[];
}

export interface Team {
  id: string;
  name: string;
}

/** `TeamRole`: a team's roles in one project. */
export interface TeamRole {
  teamId: string;
  roleNames: string[];
}

/** `Group` (a project). */
export interface AtlasProject {
  id: string;
  name: string;
  orgId: string;
  created: string;
  clusterCount: number;
  tags?: Tag[];
  withDefaultAlertsSettings?: boolean;
  regionUsageRestrictions?: string;
}

export interface ProjectSettings {
  isDataExplorerEnabled?: boolean;
  isDataExplorerGenAIFeaturesEnabled?: boolean;
  isPerformanceAdvisorEnabled?: boolean;
  isSchemaAdvisorEnabled?: boolean;
  isRealtimePerformancePanelEnabled?: boolean;
  isExtendedStorageSizesEnabled?: boolean;
  isCollectDatabaseSpecificsStatisticsEnabled?: boolean;
}

/** `GroupMaintenanceWindow`. `dayOfWeek` runs from 1 (Sunday) to 7 (Saturday). */
export interface MaintenanceWindow {
  dayOfWeek: number;
  hourOfDay?: number;
  startASAP?: boolean;
  autoDeferOnceEnabled?: boolean;
  numberOfDeferrals?: number;
  protectedHours?: { startHourOfDay?: number; endHourOfDay?: number };
  timeZoneId?: string;
}

export interface HardwareSpec {
  instanceSize?: string;
  nodeCount?: number;
  diskSizeGB?: number;
  diskIOPS?: number;
  ebsVolumeType?: string;
}

export interface AutoScaling {
  compute?: {
    enabled?: boolean;
    scaleDownEnabled?: boolean;
    minInstanceSize?: string;
    maxInstanceSize?: string;
  };
  diskGB?: { enabled?: boolean };
}

export interface RegionConfig {
  providerName: string;
  regionName: string;
  priority?: number;
  backingProviderName?: string;
  electableSpecs?: HardwareSpec;
  readOnlySpecs?: HardwareSpec;
  analyticsSpecs?: HardwareSpec;
  autoScaling?: AutoScaling;
  analyticsAutoScaling?: AutoScaling;
}

export interface ReplicationSpec {
  id?: string;
  zoneId?: string;
  zoneName?: string;
  regionConfigs: RegionConfig[];
}

/** `ClusterDescription20240805`. */
export interface AtlasCluster {
  id?: string;
  groupId: string;
  name: string;
  createDate?: string;
  clusterType?: string;
  mongoDBVersion?: string;
  mongoDBMajorVersion?: string;
  versionReleaseSystem?: string;
  paused?: boolean;
  terminationProtectionEnabled?: boolean;
  backupEnabled?: boolean;
  pitEnabled?: boolean;
  encryptionAtRestProvider?: string;
  redactClientLogData?: boolean;
  stateName?: string;
  tags?: Tag[];
  advancedConfiguration?: {
    minimumEnabledTlsProtocol?: string;
    tlsCipherConfigMode?: string;
    customOpensslCipherConfigTls12?: string[];
  };
  connectionStrings?: Record<string, unknown>;
  replicationSpecs?: ReplicationSpec[];
  mongoDBEmployeeAccessGrant?: { grantType: string; expirationTime: string };
  biConnector?: { enabled?: boolean; readPreference?: string };
}

/** `FlexClusterDescription20241113`. */
export interface AtlasFlexCluster {
  id?: string;
  groupId: string;
  name: string;
  createDate?: string;
  mongoDBVersion?: string;
  clusterType?: string;
  stateName?: string;
  terminationProtectionEnabled?: boolean;
  versionReleaseSystem?: string;
  providerSettings?: {
    backingProviderName?: string;
    providerName?: string;
    regionName?: string;
    diskSizeGB?: number;
  };
  backupSettings?: { enabled?: boolean };
  tags?: Tag[];
}

/** `ClusterDescriptionProcessArgs20240805`. */
export interface ProcessArgs {
  minimumEnabledTlsProtocol?: string;
  tlsCipherConfigMode?: string;
  javascriptEnabled?: boolean;
  noTableScan?: boolean;
  defaultWriteConcern?: string;
  oplogMinRetentionHours?: number;
}

export interface BackupSchedule {
  clusterId?: string;
  clusterName?: string;
  policies: {
    id?: string;
    policyItems: {
      id?: string;
      frequencyType: string;
      frequencyInterval: number;
      retentionUnit: string;
      retentionValue: number;
    }[];
  }[];
  restoreWindowDays?: number;
  copySettings?: { cloudProvider?: string; regionName?: string; shouldCopyOplogs?: boolean }[];
}

export interface DatabaseUserRole {
  roleName: string;
  databaseName: string;
  collectionName?: string;
}

export interface DatabaseUserScope {
  name: string;
  type: string;
}

/** `CloudDatabaseUser`. */
export interface AtlasDatabaseUser {
  username: string;
  databaseName: string;
  groupId: string;
  description?: string;
  labels?: Tag[];
  deleteAfterDate?: string;
  roles?: DatabaseUserRole[];
  scopes?: DatabaseUserScope[];
  awsIAMType?: string;
  ldapAuthType?: string;
  x509Type?: string;
  oidcAuthType?: string;
}

/** `UserCustomDBRole`. */
export interface CustomDbRole {
  roleName: string;
  actions?: {
    action: string;
    resources?: { cluster?: boolean; db?: string; collection?: string }[];
  }[];
  inheritedRoles?: { role: string; db: string }[];
}

/** `NetworkPermissionEntry`: exactly one of `ipAddress`, `cidrBlock` and `awsSecurityGroup`. */
export interface AccessListEntry {
  groupId?: string;
  ipAddress?: string;
  cidrBlock?: string;
  awsSecurityGroup?: string;
  comment?: string;
  deleteAfterDate?: string;
}

export interface ApiKeyRole {
  roleName: string;
  orgId?: string;
  groupId?: string;
}

/** `ApiKeyUserDetails`. `privateKey` arrives redacted and is never exposed. */
export interface ApiKey {
  id: string;
  publicKey: string;
  desc?: string;
  roles?: ApiKeyRole[];
  privateKey?: string;
}

/** `UserAccessListResponse`: one entry of an API key's access list. */
export interface ApiKeyAccessListEntry {
  ipAddress?: string;
  cidrBlock?: string;
  created?: string;
  lastUsed?: string;
  lastUsedAddress?: string;
  count?: number;
}

export interface ServiceAccountSecret {
  id: string;
  createdAt?: string;
  expiresAt: string;
  lastUsedAt?: string;
  maskedSecretValue?: string;
}

/** `OrgServiceAccount`. */
export interface ServiceAccount {
  clientId: string;
  name?: string;
  description?: string;
  createdAt?: string;
  roles?: string[];
  secrets?: ServiceAccountSecret[];
}

export interface ServiceAccountAccessListEntry {
  ipAddress?: string;
  cidrBlock?: string;
  createdAt?: string;
  lastUsedAt?: string;
  lastUsedAddress?: string;
  requestCount?: number;
}

/** `ServiceAccountGroup`: a service account's roles in one project. */
export interface ServiceAccountGroup {
  groupId: string;
  roles: string[];
}

/** `AuditLog`. */
export interface AuditLog {
  enabled?: boolean;
  auditFilter?: string;
  auditAuthorizationSuccess?: boolean;
  configurationType?: string;
}

export interface KmsProviderSettings {
  enabled?: boolean;
  valid?: boolean;
  [field: string]: unknown;
}

/** `EncryptionAtRest`: customer-managed key settings per cloud provider. */
export interface EncryptionAtRest {
  awsKms?: KmsProviderSettings;
  azureKeyVault?: KmsProviderSettings;
  googleCloudKms?: KmsProviderSettings;
  enabledForSearchNodes?: boolean;
}

/** `DataProtectionSettings20231001`. */
export interface BackupCompliancePolicy {
  projectId?: string;
  state?: string;
  authorizedEmail: string;
  authorizedUserFirstName: string;
  authorizedUserLastName: string;
  copyProtectionEnabled?: boolean;
  encryptionAtRestEnabled?: boolean;
  pitEnabled?: boolean;
  restoreWindowDays?: number;
  scheduledPolicyItems?: {
    frequencyType: string;
    frequencyInterval: number;
    retentionUnit: string;
    retentionValue: number;
  }[];
}

/** `EventViewForOrg` / `EventViewForNdsGroup`, reduced to the fields an activity trail needs. */
export interface AtlasEvent {
  id: string;
  created: string;
  eventTypeName: string;
  orgId?: string;
  groupId?: string;
  userId?: string;
  username?: string;
  apiKeyId?: string;
  publicKey?: string;
  remoteAddress?: string;
  isGlobalAdmin?: boolean;
  targetUsername?: string;
  targetPublicKey?: string;
  dbUserUsername?: string;
  teamId?: string;
  resourceId?: string;
  resourceType?: string;
}

/** A private endpoint service (`EndpointService`). */
export interface PrivateEndpointService {
  id: string;
  cloudProvider: string;
  regionName?: string;
  status?: string;
  errorMessage?: string;
  endpointServiceName?: string;
  interfaceEndpoints?: string[];
  privateEndpoints?: string[];
}

/** A network peering connection (`BaseNetworkPeeringConnectionSettings`). */
export interface NetworkPeeringConnection {
  id: string;
  containerId: string;
  providerName?: string;
  statusName?: string;
  status?: string;
  errorStateName?: string;
  errorMessage?: string;
  errorState?: string;
  [field: string]: unknown;
}

/** `SystemStatus` from `GET /`: the calling credential's own grants. */
export interface SystemStatus {
  appName: string;
  build: string;
  throttling: boolean;
  apiKey?: {
    id: string;
    publicKey: string;
    roles?: ApiKeyRole[];
    accessList?: { ipAddress?: string; cidrBlock?: string }[];
  };
}
