/**
 * Simulator datasets for compliance scenarios: one organisation and one project where every
 * check passes, and the same estate with every setting reversed so every check fails.
 */
import type { Dataset, DatasetOrganization, DatasetProject } from '../../src/simulator/dataset.js';
import type { AtlasCluster, OrgUser } from '../../src/atlas/types.js';

export const NOW = Date.parse('2026-06-01T00:00:00Z');
export const O1 = 'aaaaaaaaaaaaaaaaaaaaaaa1';
export const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
export const T1 = 'ccccccccccccccccccccccc1';
export const K1 = 'eeeeeeeeeeeeeeeeeeeeeee1';
export const SA1 = 'mdb_sa_id_fffffffffffffffffffffff1';

/** ISO time `days` before NOW (negative for the future). */
export const ago = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

function user(n: number, extra: Partial<OrgUser> = {}): OrgUser {
  return {
    id: `dddddddddddddddddddddd${n.toString().padStart(2, '0')}`,
    username: `user${n}@corp.example`,
    orgMembershipStatus: 'ACTIVE',
    roles: { orgRoles: ['ORG_MEMBER'], groupRoleAssignments: [] },
    teamIds: [],
    firstName: 'User',
    lastName: `${n}`,
    createdAt: ago(300),
    lastAuth: ago(2),
    ...extra,
  };
}

function dedicated(extra: Partial<AtlasCluster> = {}): AtlasCluster {
  return {
    id: 'dddddddddddddddddddddaa1',
    groupId: P1,
    name: 'Cluster0',
    clusterType: 'REPLICASET',
    mongoDBVersion: '8.0.4',
    mongoDBMajorVersion: '8.0',
    versionReleaseSystem: 'LTS',
    backupEnabled: true,
    pitEnabled: true,
    terminationProtectionEnabled: true,
    encryptionAtRestProvider: 'AWS',
    redactClientLogData: true,
    advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2' },
    replicationSpecs: [
      {
        zoneName: 'Zone 1',
        regionConfigs: [
          {
            providerName: 'AWS',
            regionName: 'EU_WEST_1',
            priority: 7,
            electableSpecs: { instanceSize: 'M10', nodeCount: 3 },
            autoScaling: { compute: { enabled: true }, diskGB: { enabled: true } },
          },
        ],
      },
    ],
    ...extra,
  };
}

function compliantOrg(): DatasetOrganization {
  return {
    id: O1,
    name: 'Org One',
    settings: {
      multiFactorAuthRequired: true,
      apiAccessListRequired: true,
      restrictEmployeeAccess: true,
      securityContact: 'security@corp.example',
      maxServiceAccountSecretValidityInHours: 720,
    },
    users: [
      user(1, { roles: { orgRoles: ['ORG_OWNER'] } }),
      user(
        2,
        {
          roles: {
            orgRoles: ['ORG_MEMBER'],
            groupRoleAssignments: [{ groupId: P1, groupRoles: ['GROUP_READ_ONLY'] }],
          },
        },
      ),
    ],
    teams: [{ id: T1, name: 'Payments on-call', memberIds: [user(2).id] }],
    apiKeys: [
      {
        id: K1,
        publicKey: 'abcdefgh',
        desc: 'reporting',
        roles: [{ roleName: 'ORG_READ_ONLY', orgId: O1 }],
        accessList: [
          {
            cidrBlock: '203.0.113.0/24',
            created: ago(100),
            lastUsed: ago(1),
            lastUsedAddress: '203.0.113.9',
          },
        ],
      },
    ],
    serviceAccounts: [
      {
        clientId: SA1,
        name: 'ci',
        roles: ['ORG_MEMBER'],
        secrets: [
          {
            id: 'fffffffffffffffffffffff2',
            expiresAt: ago(-20),
            createdAt: ago(10),
            lastUsedAt: ago(3),
          },
        ],
        accessList: [{ cidrBlock: '198.51.100.0/24' }],
        groups: [{ groupId: P1, roles: ['GROUP_CLUSTER_MANAGER'] }],
      },
    ],
  };
}

function compliantProject(): DatasetProject {
  return {
    id: P1,
    orgId: O1,
    name: 'Payments',
    created: '2024-01-15T10:00:00Z',
    teams: [{ teamId: T1, roleNames: ['GROUP_DATA_ACCESS_READ_WRITE'] }],
    clusters: [dedicated()],
    flexClusters: [
      {
        id: 'dddddddddddddddddddddaa2',
        groupId: P1,
        name: 'FlexA',
        mongoDBVersion: '8.0.4',
        terminationProtectionEnabled: true,
        backupSettings: { enabled: true },
      },
    ],
    databaseUsers: [
      {
        username: 'CN=payments-api',
        databaseName: '$external',
        groupId: P1,
        x509Type: 'MANAGED',
        roles: [{ roleName: 'readWrite', databaseName: 'payments' }],
        scopes: [{ name: 'Cluster0', type: 'CLUSTER' }],
      },
    ],
    customDbRoles: [
      {
        roleName: 'reportReader',
        actions: [{ action: 'FIND', resources: [{ db: 'reports', collection: '' }] }],
        inheritedRoles: [],
      },
    ],
    accessList: [{ ipAddress: '203.0.113.7', cidrBlock: '203.0.113.7/32', comment: 'office' }],
    auditLog: {
      enabled: true,
      auditAuthorizationSuccess: true,
      auditFilter: '{"atype":"authCheck"}',
      configurationType: 'FILTER_JSON',
    },
    encryptionAtRest: {
      awsKms: { enabled: true, valid: true },
      azureKeyVault: { enabled: false },
      googleCloudKms: { enabled: false },
    },
    privateEndpointServices: [
      { id: 'eeeeeeeeeeeeeeeeeeeeeee9', cloudProvider: 'AWS', status: 'AVAILABLE' },
    ],
    peers: [
      {
        id: 'eeeeeeeeeeeeeeeeeeeeeee8',
        containerId: 'c1',
        providerName: 'AWS',
        statusName: 'AVAILABLE',
      },
    ],
  };
}

/** Builds an estate where every check passes or does not apply. */
export function compliantDataset(): Dataset {
  return {
    credentials: [{ publicKey: 'pub-test', privateKey: 'priv-test', orgIds: '*' }],
    organizations: [compliantOrg()],
    projects: [compliantProject()],
  };
}

/** Builds the organisation of `compliantDataset` with every judged setting reversed. */
function failingOrg(): DatasetOrganization {
  const org = compliantOrg();
  org.settings = {
    multiFactorAuthRequired: false,
    apiAccessListRequired: false,
    restrictEmployeeAccess: false,
    securityContact: '',
    maxServiceAccountSecretValidityInHours: 8760,
  };

  const owner = (n: number) => user(n, { roles: { orgRoles: ['ORG_OWNER'] } });
  const stale = user(2, {
    lastAuth: ago(200),
    roles: {
      orgRoles: ['ORG_MEMBER'],
      groupRoleAssignments: [{ groupId: P1, groupRoles: ['GROUP_READ_ONLY'] }],
    },
  });
  const invitee = user(6, {
    orgMembershipStatus: 'PENDING',
    createdAt: undefined,
    lastAuth: undefined,
    firstName: undefined,
    lastName: undefined,
    invitationCreatedAt: ago(45),
    invitationExpiresAt: ago(15),
    inviterUsername: 'user1@corp.example',
  });
  org.users = [owner(1), owner(3), owner(4), owner(5), stale, invitee];

  org.apiKeys[0].roles = [{ roleName: 'ORG_OWNER', orgId: O1 }];
  org.apiKeys[0].accessList = [];
  org.serviceAccounts[0].secrets = [
    { id: 'fffffffffffffffffffffff2', expiresAt: ago(5), createdAt: ago(100) },
  ];
  return org;
}

/** Builds the project of `compliantDataset` with every judged setting reversed. */
function failingProject(): DatasetProject {
  const project = compliantProject();
  const region = {
    providerName: 'AWS',
    regionName: 'EU_WEST_1',
    priority: 7,
    electableSpecs: { instanceSize: 'M10', nodeCount: 1 },
    autoScaling: { compute: { enabled: false }, diskGB: { enabled: false } },
  };
  project.clusters = [
    dedicated({
      mongoDBVersion: '6.0.20',
      mongoDBMajorVersion: '6.0',
      backupEnabled: false,
      pitEnabled: false,
      terminationProtectionEnabled: false,
      encryptionAtRestProvider: 'NONE',
      redactClientLogData: false,
      advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_0' },
      replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [region] }],
    }),
  ];
  project.flexClusters = [];

  project.databaseUsers = [
    {
      username: 'root',
      databaseName: 'admin',
      groupId: P1,
      awsIAMType: 'NONE',
      ldapAuthType: 'NONE',
      x509Type: 'NONE',
      oidcAuthType: 'NONE',
      roles: [{ roleName: 'atlasAdmin', databaseName: 'admin' }],
      scopes: [],
      deleteAfterDate: ago(3),
    },
  ];
  project.customDbRoles = [
    {
      roleName: 'cleaner',
      actions: [{ action: 'DROP_DATABASE', resources: [{ db: 'app' }] }],
      inheritedRoles: [],
    },
  ];

  project.accessList = [
    { cidrBlock: '0.0.0.0/0', deleteAfterDate: ago(1), comment: 'temporary debug' },
  ];
  project.auditLog = { enabled: false };
  project.encryptionAtRest = {
    awsKms: { enabled: true, valid: false },
    azureKeyVault: { enabled: false },
    googleCloudKms: { enabled: false },
  };
  project.privateEndpointServices = [
    {
      id: 'eeeeeeeeeeeeeeeeeeeeeee9',
      cloudProvider: 'AWS',
      status: 'FAILED',
      errorMessage: 'quota',
    },
  ];
  project.peers = [
    {
      id: 'eeeeeeeeeeeeeeeeeeeeeee8',
      containerId: 'c1',
      providerName: 'AWS',
      statusName: 'FAILED',
      errorStateName: 'REJECTED',
    },
  ];
  return project;
}

/** Builds the same estate with every judged setting reversed, so every check fails. */
export function failingDataset(): Dataset {
  return {
    credentials: compliantDataset().credentials,
    organizations: [failingOrg()],
    projects: [failingProject()],
  };
}
