/**
 * The hand-written demo estate: three organisations whose users, clusters, database users and
 * settings exercise every compliance check. Dates are relative to `now`, so verdicts such as
 * "stale for 75 days" stay true whenever the demo runs.
 */
import type { AtlasEvent, OrgUser } from '../atlas/types.js';
import type { Dataset, DatasetOrganization, DatasetProject } from './dataset.js';
import { SCRAM, buildCluster, hexId, relativeDates, scramUser } from './fixtures.js';

/** Fixed ids of the demo estate, so docs and tests can name them. */
export const DEMO_IDS = {
  acmeCorp: hexId('65a0', 1),
  acmeResearch: hexId('65a0', 2),
  acmeArchive: hexId('65a0', 3),
  prodPayments: hexId('65b0', 1),
  stagingPayments: hexId('65b0', 2),
  analytics: hexId('65b0', 3),
  sandbox: hexId('65b0', 4),
  mlExperiments: hexId('65b0', 5),
  paymentsOncall: hexId('65d0', 1),
  dataPlatform: hexId('65d0', 2),
  terraformCiKey: hexId('65e0', 1),
  reportingKey: hexId('65e0', 2),
  users: {
    alice: hexId('65c0', 1), bruno: hexId('65c0', 2), carla: hexId('65c0', 3),
    dmitri: hexId('65c0', 4), emma: hexId('65c0', 5), farah: hexId('65c0', 6),
    gus: hexId('65c0', 7), hana: hexId('65c0', 8), jose: hexId('65c0', 9),
  },
} as const;

/** The demo's one credential; it guards loopback demo data only. */
export const DEMO_CREDENTIAL = { publicKey: 'pub-test', privateKey: 'priv-test',
  orgIds: '*' as const };

type Dates = ReturnType<typeof relativeDates>;

interface Person {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  orgRoles: string[];
  groups?: [string, string][];
  lastAuthDaysAgo: number;
  createdDaysAgo: number;
  country?: string;
}

function activeUser(d: Dates, p: Person): OrgUser {
  return {
    id: p.id, username: p.email, orgMembershipStatus: 'ACTIVE',
    roles: { orgRoles: p.orgRoles, groupRoleAssignments: (p.groups ?? []).map(([groupId, role]) =>
      ({ groupId, groupRoles: [role] })) },
    teamIds: [], createdAt: d.daysAgo(p.createdDaysAgo), firstName: p.firstName,
    lastName: p.lastName, lastAuth: d.daysAgo(p.lastAuthDaysAgo), country: p.country ?? 'US',
  };
}

function corpUsers(d: Dates): OrgUser[] {
  const u = DEMO_IDS.users;
  const { prodPayments: prod, stagingPayments: staging, analytics, sandbox } = DEMO_IDS;
  const people: Person[] = [
    { id: u.alice, email: 'alice.nguyen@acme.example', firstName: 'Alice', lastName: 'Nguyen',
      orgRoles: ['ORG_OWNER'], lastAuthDaysAgo: 2, createdDaysAgo: 1100 },
    { id: u.bruno, email: 'bruno.silva@acme.example', firstName: 'Bruno', lastName: 'Silva',
      orgRoles: ['ORG_MEMBER'], groups: [[prod, 'GROUP_OWNER']], lastAuthDaysAgo: 1,
      createdDaysAgo: 800, country: 'BR' },
    { id: u.carla, email: 'carla.jones@acme.example', firstName: 'Carla', lastName: 'Jones',
      orgRoles: ['ORG_MEMBER', 'ORG_GROUP_CREATOR'], groups: [[analytics, 'GROUP_OWNER']],
      lastAuthDaysAgo: 5, createdDaysAgo: 700 },
    { id: u.dmitri, email: 'dmitri.ivanov@acme.example', firstName: 'Dmitri', lastName: 'Ivanov',
      orgRoles: ['ORG_MEMBER'], groups: [[prod, 'GROUP_OWNER']], lastAuthDaysAgo: 75,
      createdDaysAgo: 650 },
    { id: u.emma, email: 'emma.reyes@contractor.example', firstName: 'Emma', lastName: 'Reyes',
      orgRoles: ['ORG_MEMBER'], groups: [[staging, 'GROUP_DATA_ACCESS_READ_WRITE']],
      lastAuthDaysAgo: 10, createdDaysAgo: 120, country: 'MX' },
    { id: u.farah, email: 'farah.khan@acme.example', firstName: 'Farah', lastName: 'Khan',
      orgRoles: ['ORG_READ_ONLY'], lastAuthDaysAgo: 20, createdDaysAgo: 400, country: 'GB' },
    { id: u.hana, email: 'hana.sato@acme.example', firstName: 'Hana', lastName: 'Sato',
      orgRoles: ['ORG_MEMBER'], groups: [[analytics, 'GROUP_READ_ONLY']], lastAuthDaysAgo: 200,
      createdDaysAgo: 900, country: 'JP' },
    { id: u.jose, email: 'jose.alvarez@acme.example', firstName: 'José', lastName: 'Álvarez',
      orgRoles: ['ORG_MEMBER'], groups: [[staging, 'GROUP_CLUSTER_MANAGER']],
      lastAuthDaysAgo: 3, createdDaysAgo: 300, country: 'ES' },
  ];
  const users = people.map((p) => activeUser(d, p));
  const gus: OrgUser = {
    id: u.gus, username: 'gus.peterson@acme.example', orgMembershipStatus: 'PENDING',
    roles: { orgRoles: ['ORG_MEMBER'],
      groupRoleAssignments: [{ groupId: sandbox, groupRoles: ['GROUP_READ_ONLY'] }] },
    teamIds: [], invitationCreatedAt: d.daysAgo(40), invitationExpiresAt: d.daysAhead(20),
    inviterUsername: 'alice.nguyen@acme.example',
  };
  // Gus sits between Farah and Hana, in alphabetical order like the rest.
  users.splice(6, 0, gus);
  return users;
}

function corpEvents(d: Dates): AtlasEvent[] {
  const org = DEMO_IDS.acmeCorp;
  return [
    { id: hexId('65f1', 1), created: d.daysAgo(40), eventTypeName: 'INVITED_TO_ORG', orgId: org,
      userId: DEMO_IDS.users.alice, username: 'alice.nguyen@acme.example',
      targetUsername: 'gus.peterson@acme.example', remoteAddress: '203.0.113.7',
      isGlobalAdmin: false },
    { id: hexId('65f1', 2), created: d.daysAgo(10),
      eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED',
      orgId: org, userId: DEMO_IDS.users.alice, username: 'alice.nguyen@acme.example',
      targetPublicKey: 'rptkey01', remoteAddress: '203.0.113.7', isGlobalAdmin: false },
  ];
}

function corpOrg(d: Dates): DatasetOrganization {
  const { prodPayments, analytics, stagingPayments, sandbox } = DEMO_IDS;
  return {
    id: DEMO_IDS.acmeCorp, name: 'Acme Corp', isDeleted: false, skipDefaultAlertsSettings: false,
    settings: { multiFactorAuthRequired: true, apiAccessListRequired: false,
      restrictEmployeeAccess: false, securityContact: 'security@acme.example',
      maxServiceAccountSecretValidityInHours: 8760, genAIFeaturesEnabled: true },
    users: corpUsers(d),
    teams: [
      { id: DEMO_IDS.paymentsOncall, name: 'payments-oncall',
        memberIds: [DEMO_IDS.users.bruno, DEMO_IDS.users.dmitri] },
      { id: DEMO_IDS.dataPlatform, name: 'data-platform',
        memberIds: [DEMO_IDS.users.carla, DEMO_IDS.users.hana] },
    ],
    apiKeys: [
      { id: DEMO_IDS.terraformCiKey, publicKey: 'tfcikey1', desc: 'terraform-ci',
        roles: [{ roleName: 'ORG_OWNER', orgId: DEMO_IDS.acmeCorp }], accessList: [] },
      { id: DEMO_IDS.reportingKey, publicKey: 'rptkey01', desc: 'reporting',
        roles: [{ roleName: 'ORG_READ_ONLY', orgId: DEMO_IDS.acmeCorp }],
        accessList: [{ cidrBlock: '203.0.113.0/24', created: d.daysAgo(10),
          lastUsed: d.daysAgo(1), lastUsedAddress: '203.0.113.10', count: 1520 }] },
    ],
    serviceAccounts: [
      { clientId: `mdb_sa_id_${hexId('65a1', 1)}`, name: 'compliance-reader',
        description: 'Reads settings for quarterly access reviews', createdAt: d.daysAgo(335),
        roles: ['ORG_READ_ONLY'],
        secrets: [{ id: hexId('65a2', 1), createdAt: d.daysAgo(335), expiresAt: d.daysAhead(30),
          lastUsedAt: d.daysAgo(1), maskedSecretValue: 'mdb_sa_sk_...4f2a' }],
        accessList: [{ cidrBlock: '203.0.113.0/24', createdAt: d.daysAgo(335),
          lastUsedAt: d.daysAgo(1), lastUsedAddress: '203.0.113.10', requestCount: 9120 }],
        groups: [prodPayments, stagingPayments, analytics, sandbox].map((groupId) =>
          ({ groupId, roles: ['GROUP_READ_ONLY'] })) },
      { clientId: `mdb_sa_id_${hexId('65a1', 2)}`, name: 'legacy-exporter',
        description: 'Nightly export job, replaced by the data platform', createdAt: d.daysAgo(95),
        roles: ['ORG_MEMBER'],
        secrets: [{ id: hexId('65a2', 2), createdAt: d.daysAgo(95), expiresAt: d.daysAgo(5),
          lastUsedAt: d.daysAgo(6), maskedSecretValue: 'mdb_sa_sk_...91c0' }],
        accessList: [],
        groups: [{ groupId: analytics, roles: ['GROUP_DATA_ACCESS_READ_ONLY'] }] },
    ],
    events: corpEvents(d),
  };
}

function prodPayments(d: Dates): DatasetProject {
  const id = DEMO_IDS.prodPayments;
  return {
    id, name: 'prod-payments', orgId: DEMO_IDS.acmeCorp, created: d.daysAgo(900),
    tags: [{ key: 'environment', value: 'production' }], withDefaultAlertsSettings: true,
    teams: [{ teamId: DEMO_IDS.paymentsOncall, roleNames: ['GROUP_CLUSTER_MANAGER'] }],
    clusters: [buildCluster({ id: hexId('65f0', 1), groupId: id, name: 'payments-prod',
      createDate: d.daysAgo(880), instanceSize: 'M30', providerName: 'AWS', regionName: 'US_EAST_1',
      mongoDBVersion: '8.0.4', autoScaling: true }, {
      backupEnabled: true, pitEnabled: true, terminationProtectionEnabled: true,
      encryptionAtRestProvider: 'AWS', redactClientLogData: true,
      advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2',
        tlsCipherConfigMode: 'DEFAULT' },
      tags: [{ key: 'environment', value: 'production' }] })],
    flexClusters: [],
    databaseUsers: [
      scramUser(id, 'app-payments', 'readWrite', 'payments',
        { scopes: [{ name: 'payments-prod', type: 'CLUSTER' }], description: 'Payments API' }),
      scramUser(id, 'breakglass-admin', 'atlasAdmin', 'admin',
        { description: 'Emergency access' }),
      { username: 'arn:aws:iam::123456789012:role/payments-api', databaseName: '$external',
        groupId: id, roles: [{ roleName: 'readWrite', databaseName: 'payments' }], scopes: [],
        labels: [], ...SCRAM, awsIAMType: 'ROLE' },
      { username: 'CN=reporting,OU=analytics,O=Acme', databaseName: '$external', groupId: id,
        roles: [{ roleName: 'read', databaseName: 'payments' }], scopes: [], labels: [], ...SCRAM,
        x509Type: 'CUSTOMER' },
    ],
    customDbRoles: [],
    accessList: [
      { ipAddress: '203.0.113.7', cidrBlock: '203.0.113.7/32', comment: 'Office NAT gateway' },
      { cidrBlock: '10.20.0.0/16', comment: 'VPC peering range' },
    ],
    auditLog: { enabled: true, auditAuthorizationSuccess: true, configurationType: 'FILTER_JSON',
      auditFilter:
        '{"atype":{"$in":["authenticate","createUser","dropUser","grantRolesToUser"]}}' },
    encryptionAtRest: {
      awsKms: { enabled: true, valid: true, region: 'US_EAST_1',
        customerMasterKeyID: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
          requirePrivateNetworking: false },
      azureKeyVault: { enabled: false }, googleCloudKms: { enabled: false },
      enabledForSearchNodes: false,
    },
    maintenanceWindow: { dayOfWeek: 1, hourOfDay: 3, startASAP: false, autoDeferOnceEnabled: true,
      numberOfDeferrals: 0, protectedHours: { startHourOfDay: 8, endHourOfDay: 20 },
      timeZoneId: 'America/New_York' },
    containers: [{ id: hexId('65f2', 1), providerName: 'AWS', atlasCidrBlock: '192.168.248.0/21',
      regionName: 'US_EAST_1', provisioned: true, vpcId: 'vpc-0123456789abcdef0' }],
    peers: [{ id: hexId('65f3', 1), containerId: hexId('65f2', 1), providerName: 'AWS',
      accepterRegionName: 'us-east-1', awsAccountId: '123456789012', vpcId: 'vpc-0fedcba9876543210',
      connectionId: 'pcx-0123456789abcdef0', statusName: 'AVAILABLE' }],
    privateEndpointServices: [{ id: hexId('65f4', 1), cloudProvider: 'AWS', regionName: 'us-east-1',
      status: 'AVAILABLE',
        endpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
      interfaceEndpoints: [] }],
  };
}

function stagingPayments(d: Dates): DatasetProject {
  const id = DEMO_IDS.stagingPayments;
  return {
    id, name: 'staging-payments', orgId: DEMO_IDS.acmeCorp, created: d.daysAgo(600),
    tags: [{ key: 'environment', value: 'staging' }],
    clusters: [buildCluster({ id: hexId('65f0', 2), groupId: id, name: 'payments-staging',
      createDate: d.daysAgo(590), instanceSize: 'M10', providerName: 'AWS', regionName: 'EU_WEST_1',
      mongoDBVersion: '6.0.19' }, {
      backupEnabled: false, pitEnabled: false, terminationProtectionEnabled: false,
      encryptionAtRestProvider: 'NONE', redactClientLogData: false,
      advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_0',
        tlsCipherConfigMode: 'DEFAULT' } })],
    flexClusters: [{ id: hexId('65f0', 3), groupId: id, name: 'staging-flex',
      createDate: d.daysAgo(90), mongoDBVersion: '8.0.4', clusterType: 'REPLICASET',
      stateName: 'IDLE', terminationProtectionEnabled: false, versionReleaseSystem: 'LTS',
      providerSettings: { backingProviderName: 'AWS', providerName: 'FLEX',
        regionName: 'US_EAST_1', diskSizeGB: 5 }, backupSettings: { enabled: true } }],
    databaseUsers: [
      scramUser(id, 'ci-runner', 'readWriteAnyDatabase', 'admin',
        { deleteAfterDate: d.daysAgo(3), description: 'CI integration tests' }),
      scramUser(id, 'qa-reader', 'read', 'payments', { deleteAfterDate: d.daysAhead(10) }),
    ],
    customDbRoles: [],
    accessList: [
      { cidrBlock: '0.0.0.0/0', comment: 'debugging', deleteAfterDate: d.daysAhead(7) },
      { awsSecurityGroup: 'sg-0a1b2c3d' },
    ],
    auditLog: { enabled: false, auditAuthorizationSuccess: false, auditFilter: '{}',
      configurationType: 'NONE' },
    encryptionAtRest: { awsKms: { enabled: false }, azureKeyVault: { enabled: false },
      googleCloudKms: { enabled: false }, enabledForSearchNodes: false },
    events: [{ id: hexId('65f1', 3), created: d.daysAgo(1),
      eventTypeName: 'NETWORK_PERMISSION_ENTRY_ADDED',
      orgId: DEMO_IDS.acmeCorp, groupId: id, userId: DEMO_IDS.users.jose,
      username: 'jose.alvarez@acme.example', remoteAddress: '198.51.100.23',
        isGlobalAdmin: false }],
  };
}

function analytics(d: Dates): DatasetProject {
  const id = DEMO_IDS.analytics;
  return {
    id, name: 'analytics', orgId: DEMO_IDS.acmeCorp, created: d.daysAgo(500),
    tags: [{ key: 'owner', value: 'données' }],
    teams: [{ teamId: DEMO_IDS.dataPlatform, roleNames: ['GROUP_DATA_ACCESS_READ_ONLY'] }],
    clusters: [buildCluster({ id: hexId('65f0', 4), groupId: id, name: 'analytics-main',
      createDate: d.daysAgo(480), instanceSize: 'M40', providerName: 'GCP',
        regionName: 'CENTRAL_US',
      mongoDBVersion: '7.0.15', shards: 2 }, {
      backupEnabled: true, pitEnabled: false, terminationProtectionEnabled: false,
      encryptionAtRestProvider: 'NONE', redactClientLogData: false,
      advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2',
        tlsCipherConfigMode: 'DEFAULT' } })],
    flexClusters: [],
    databaseUsers: [
      { username: 'CN=analysts,OU=groups,DC=acme,DC=example', databaseName: 'admin', groupId: id,
        roles: [{ roleName: 'read', databaseName: 'analytics' }], scopes: [], labels: [], ...SCRAM,
        ldapAuthType: 'GROUP' },
      { username: 'acme-okta/analysts', databaseName: 'admin', groupId: id,
        roles: [{ roleName: 'reportingAdmin', databaseName: 'admin' }], scopes: [], labels: [],
        ...SCRAM, oidcAuthType: 'IDP_GROUP' },
    ],
    customDbRoles: [{ roleName: 'reportingAdmin',
      actions: [{ action: 'FIND', resources: [{ cluster: false, db: 'analytics',
        collection: '' }] }],
      inheritedRoles: [{ role: 'dbAdminAnyDatabase', db: 'admin' }] }],
    accessList: [{ cidrBlock: '198.51.100.0/24', comment: 'BI tools subnet' }],
  };
}

function sandbox(d: Dates): DatasetProject {
  const id = DEMO_IDS.sandbox;
  return {
    id, name: 'Sandbox Project', orgId: DEMO_IDS.acmeCorp, created: d.daysAgo(60),
    clusters: [buildCluster({ id: hexId('65f0', 5), groupId: id, name: 'sandbox-free',
      createDate: d.daysAgo(59), instanceSize: 'M0', providerName: 'TENANT',
      regionName: 'US_EAST_1', backingProviderName: 'AWS', mongoDBVersion: '8.0.4' }, {
      backupEnabled: false, pitEnabled: false, terminationProtectionEnabled: false,
      encryptionAtRestProvider: 'NONE', redactClientLogData: false })],
    flexClusters: [], databaseUsers: [], customDbRoles: [], accessList: [],
  };
}

function researchOrg(corp: OrgUser[]): DatasetOrganization {
  const alice = corp.find((u) => u.id === DEMO_IDS.users.alice)!;
  const carla = corp.find((u) => u.id === DEMO_IDS.users.carla)!;
  return {
    id: DEMO_IDS.acmeResearch, name: 'Acme Research', isDeleted: false,
    settings: { multiFactorAuthRequired: false, apiAccessListRequired: false,
      restrictEmployeeAccess: false, maxServiceAccountSecretValidityInHours: 8760 },
    users: [
      { ...alice, roles: { orgRoles: ['ORG_OWNER'], groupRoleAssignments: [] } },
      { ...carla, roles: { orgRoles: ['ORG_MEMBER'], groupRoleAssignments: [] } },
    ],
    teams: [], apiKeys: [], serviceAccounts: [],
  };
}

function mlExperiments(d: Dates): DatasetProject {
  const id = DEMO_IDS.mlExperiments;
  return {
    id, name: 'ml-experiments', orgId: DEMO_IDS.acmeResearch, created: d.daysAgo(250),
    clusters: [buildCluster({ id: hexId('65f0', 6), groupId: id, name: 'ml-training',
      createDate: d.daysAgo(240), instanceSize: 'M10', providerName: 'AWS', regionName: 'US_WEST_2',
      mongoDBVersion: '7.0.15' }, {
      backupEnabled: true, pitEnabled: false, terminationProtectionEnabled: false,
      encryptionAtRestProvider: 'NONE', redactClientLogData: false,
      advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2',
        tlsCipherConfigMode: 'DEFAULT' } })],
    flexClusters: [],
    databaseUsers: [
      scramUser(id, 'ml-pipeline', 'readWrite', 'features'),
      scramUser(id, 'notebook-reader', 'read', 'features'),
    ],
    customDbRoles: [],
    accessList: [{ cidrBlock: '192.0.2.0/24', comment: 'Research lab' }],
  };
}

/**
 * Builds the demo estate: Acme Corp (four projects), Acme Research (one project) and the empty
 * Acme Archive, with one credential `pub-test` / `priv-test` that can read all three.
 */
export function demoDataset(options: { now?: number } = {}): Dataset {
  const d = relativeDates(options.now ?? Date.now());
  const corp = corpOrg(d);
  const alice = corp.users.find((u) => u.id === DEMO_IDS.users.alice)!;
  return {
    credentials: [{ ...DEMO_CREDENTIAL }],
    organizations: [
      corp,
      researchOrg(corp.users),
      { id: DEMO_IDS.acmeArchive, name: 'Acme Archive', isDeleted: false,
        users: [{ ...alice, roles: { orgRoles: ['ORG_OWNER'], groupRoleAssignments: [] } }],
        teams: [], apiKeys: [], serviceAccounts: [] },
    ],
    projects: [prodPayments(d), stagingPayments(d), analytics(d), sandbox(d), mlExperiments(d)],
  };
}
