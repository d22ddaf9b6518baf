/**
 * Checks against replies that lack a judged field or return it with the wrong JSON type. Each
 * must give UNKNOWN naming the field, never PASS or FAIL, unless an offender was judged from
 * fields Atlas did return.
 */
import { describe, expect, it } from 'vitest';
import { clusterChecks } from '../../src/compliance/checks/clusters.js';
import { databaseChecks } from '../../src/compliance/checks/database.js';
import { identityChecks } from '../../src/compliance/checks/identity.js';
import { loggingChecks } from '../../src/compliance/checks/logging.js';
import { networkChecks } from '../../src/compliance/checks/network.js';
import { sourceOf } from '../../src/compliance/reads.js';
import type { AtlasCluster, AtlasFlexCluster } from '../../src/atlas/types.js';
import { dedicatedClusterModel, flexClusterModel } from '../../src/loaders/models.js';
import { clusterSnapshot, env, ok, orgSnapshot, projectSnapshot } from './helpers.js';

const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';

/** Returns the detail `fieldAbsent` writes for `field` read from `template`. */
function absent(field: string, template: string): string {
  const { apiVersion } = sourceOf(template);
  return (
    `Atlas returned no ${field} from ${template} (API version ${apiVersion}), ` +
    'so the setting cannot be judged.'
  );
}

/** Returns the detail `judgeItems` writes for `items` of `total` items lacking `fields`. */
function unjudged(fields: string, items: number, total: number, template: string): string {
  const { apiVersion } = sourceOf(template);
  return (
    `Atlas returned no usable ${fields} for ${items} of ${total} items from ${template} ` +
    `(API version ${apiVersion}), so those items cannot be judged.`
  );
}

const SETTINGS = '/orgs/{orgId}/settings';
const AUDIT_LOG = '/groups/{groupId}/auditLog';
const ENCRYPTION = '/groups/{groupId}/encryptionAtRest';
const CLUSTERS = '/groups/{groupId}/clusters';
const FLEX_CLUSTERS = '/groups/{groupId}/flexClusters';
const PROCESS_ARGS = '/groups/{groupId}/clusters/{clusterName}/processArgs';
const USERS = '/orgs/{orgId}/users';
const DB_USERS = '/groups/{groupId}/databaseUsers';

const DEDICATED_MODEL = dedicatedClusterModel({
  groupId: P1,
  name: 'Cluster0',
  replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'EU_WEST_1' }] }],
});

function withSettings(value: object) {
  return orgSnapshot({ settings: ok(SETTINGS, value) });
}

/** Builds a project with one dedicated cluster, so the logging and key checks apply. */
function withProject(overrides: Parameters<typeof projectSnapshot>[0]) {
  return projectSnapshot({ clusters: ok(CLUSTERS, [DEDICATED_MODEL]), ...overrides });
}

/** Builds a dedicated cluster with every judged field set to pass, less the `omit` fields. */
function cluster(omit: (keyof AtlasCluster)[] = [], extra: Partial<AtlasCluster> = {}) {
  const full: AtlasCluster = {
    groupId: P1,
    name: 'Cluster0',
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
            electableSpecs: { instanceSize: 'M10', nodeCount: 3 },
            autoScaling: { compute: { enabled: true }, diskGB: { enabled: true } },
          },
        ],
      },
    ],
    ...extra,
  };
  for (const field of omit) delete full[field];
  return clusterSnapshot(dedicatedClusterModel(full));
}

function flex(extra: Partial<AtlasFlexCluster>) {
  return clusterSnapshot(
    flexClusterModel({ groupId: P1, name: 'FlexA', mongoDBVersion: '8.0.4', ...extra }),
  );
}

describe('single-field checks with the field absent', () => {
  const SETTING_CASES: [string, string][] = [
    ['identity.mfa-required', 'multiFactorAuthRequired'],
    ['identity.api-access-list-required', 'apiAccessListRequired'],
    ['identity.employee-access-restricted', 'restrictEmployeeAccess'],
    ['identity.service-account-secret-lifetime', 'maxServiceAccountSecretValidityInHours'],
  ];

  for (const [id, field] of SETTING_CASES) {
    it(`${id} on settings without ${field}`, () => {
      const result = identityChecks[id](withSettings({}), env());
      expect(result.status).toBe('UNKNOWN');
      expect(result.detail).toBe(absent(field, SETTINGS));
      expect(result.values).toEqual({ [field]: null });
      expect(result.sources).toEqual([sourceOf(SETTINGS)]);
    });
  }

  it('identity.security-contact-set fails on settings without a contact', () => {
    // securityContact is optional in the spec: its absence means none is set.
    const result = identityChecks['identity.security-contact-set'](withSettings({}), env());
    expect(result.status).toBe('FAIL');
    expect(result.detail).toBe('No security contact is set.');
    expect(result.values).toEqual({ securityContact: null });
  });

  it('identity.mfa-required on a null setting', () => {
    const result = identityChecks['identity.mfa-required'](
      withSettings({ multiFactorAuthRequired: null }),
      env(),
    );
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('multiFactorAuthRequired', SETTINGS));
  });

  for (const id of Object.keys(loggingChecks).filter((key) => key.startsWith('logging.'))) {
    it(`${id} on an audit log without enabled`, () => {
      const result = loggingChecks[id](withProject({ auditLog: ok(AUDIT_LOG, {}) }), env());
      expect(result.status).toBe('UNKNOWN');
      expect(result.detail).toBe(absent('enabled', AUDIT_LOG));
    });
  }

  it('logging.audit-authorization-success without its field', () => {
    const check = loggingChecks['logging.audit-authorization-success'];
    const result = check(withProject({ auditLog: ok(AUDIT_LOG, { enabled: true }) }), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('auditAuthorizationSuccess', AUDIT_LOG));
  });

  it('logging.audit-filter without auditFilter', () => {
    const check = loggingChecks['logging.audit-filter'];
    const result = check(withProject({ auditLog: ok(AUDIT_LOG, { enabled: true }) }), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('auditFilter', AUDIT_LOG));
  });

  it('keys.customer-managed-key on empty encryption settings', () => {
    const check = loggingChecks['keys.customer-managed-key'];
    const result = check(withProject({ encryptionAtRest: ok(ENCRYPTION, {}) }), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      'Atlas returned no boolean awsKms.enabled, azureKeyVault.enabled, ' +
        'googleCloudKms.enabled from /groups/{groupId}/encryptionAtRest ' +
        '(API version 2023-01-01), so the setting cannot be judged.',
    );
    const none = { enabled: null, valid: null };
    expect(result.values).toEqual({
      providers: { awsKms: none, azureKeyVault: none, googleCloudKms: none },
    });
  });

  it('keys.customer-managed-key with one provider absent', () => {
    const check = loggingChecks['keys.customer-managed-key'];
    const settings = { awsKms: { enabled: false }, azureKeyVault: { enabled: false } };
    const result = check(withProject({ encryptionAtRest: ok(ENCRYPTION, settings) }), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      'Atlas returned no boolean googleCloudKms.enabled from ' +
        '/groups/{groupId}/encryptionAtRest (API version 2023-01-01), ' +
        'so the setting cannot be judged.',
    );
  });

  it('keys.customer-managed-key passes on one valid key whatever the others', () => {
    const check = loggingChecks['keys.customer-managed-key'];
    const settings = { awsKms: { enabled: true, valid: true } };
    const result = check(withProject({ encryptionAtRest: ok(ENCRYPTION, settings) }), env());
    expect(result.status).toBe('PASS');
  });

  const CLUSTER_CASES: [string, keyof AtlasCluster][] = [
    ['cluster.encryption-at-rest', 'encryptionAtRestProvider'],
    ['cluster.cloud-backup', 'backupEnabled'],
    ['cluster.point-in-time-recovery', 'pitEnabled'],
    ['cluster.termination-protection', 'terminationProtectionEnabled'],
    ['cluster.client-log-redaction', 'redactClientLogData'],
  ];

  for (const [id, field] of CLUSTER_CASES) {
    it(`${id} on a cluster without ${field}`, () => {
      const result = clusterChecks[id](cluster([field]), env());
      expect(result.status).toBe('UNKNOWN');
      expect(result.detail).toBe(absent(field, CLUSTERS));
      expect(result.values).toEqual({ [field]: null });
    });
  }

  it('cluster.cloud-backup on a flex cluster without backupSettings', () => {
    const result = clusterChecks['cluster.cloud-backup'](flex({}), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('backupSettings.enabled', FLEX_CLUSTERS));
  });

  it('cluster.termination-protection on a flex cluster without the flag', () => {
    const result = clusterChecks['cluster.termination-protection'](flex({}), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('terminationProtectionEnabled', FLEX_CLUSTERS));
  });

  it('cluster.tls-minimum on processArgs without the TLS floor', () => {
    const snapshot = cluster(['advancedConfiguration']);
    snapshot.processArgs = ok(PROCESS_ARGS, {});
    const result = clusterChecks['cluster.tls-minimum'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('minimumEnabledTlsProtocol', PROCESS_ARGS));
    expect(result.sources).toEqual([sourceOf(CLUSTERS), sourceOf(PROCESS_ARGS)]);
  });

  it('cluster.supported-version past end of life without versionReleaseSystem', () => {
    const snapshot = cluster(['versionReleaseSystem'], {
      mongoDBVersion: '6.0.20',
      mongoDBMajorVersion: '6.0',
    });
    const result = clusterChecks['cluster.supported-version'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(absent('versionReleaseSystem', CLUSTERS));
  });

  it('cluster.supported-version on a supported version without versionReleaseSystem', () => {
    const snapshot = cluster(['versionReleaseSystem']);
    expect(clusterChecks['cluster.supported-version'](snapshot, env()).status).toBe('PASS');
  });
});

describe('single-field checks with the wrong JSON type', () => {
  it('identity.mfa-required on a string flag', () => {
    const result = identityChecks['identity.mfa-required'](
      withSettings({ multiFactorAuthRequired: 'false' }),
      env(),
    );
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      'Atlas returned multiFactorAuthRequired as string, not boolean, from ' +
        '/orgs/{orgId}/settings (API version 2023-01-01), so the setting cannot be judged.',
    );
    expect(result.values).toEqual({ multiFactorAuthRequired: 'false' });
  });

  it('logging.database-auditing on a string flag', () => {
    const check = loggingChecks['logging.database-auditing'];
    const auditLog = ok(AUDIT_LOG, { enabled: 'false' } as never);
    const result = check(withProject({ auditLog }), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      'Atlas returned enabled as string, not boolean, from /groups/{groupId}/auditLog ' +
        '(API version 2023-01-01), so the setting cannot be judged.',
    );
  });

  it('identity.service-account-secret-lifetime on a string number', () => {
    const check = identityChecks['identity.service-account-secret-lifetime'];
    const result = check(withSettings({ maxServiceAccountSecretValidityInHours: '24' }), env());
    expect(result.status).toBe('UNKNOWN');
  });

  it('keys.customer-managed-key on string flags', () => {
    const check = loggingChecks['keys.customer-managed-key'];
    const settings = {
      awsKms: { enabled: 'true', valid: 'true' },
      azureKeyVault: { enabled: false },
      googleCloudKms: { enabled: false },
    };
    const encryptionAtRest = ok(ENCRYPTION, settings as never);
    const result = check(withProject({ encryptionAtRest }), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toContain('no boolean awsKms.enabled from');
  });

  it('cluster.encryption-at-rest on a boolean provider', () => {
    const snapshot = cluster([], { encryptionAtRestProvider: false as never });
    const result = clusterChecks['cluster.encryption-at-rest'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      'Atlas returned encryptionAtRestProvider as boolean, not string, from ' +
        '/groups/{groupId}/clusters (API version 2024-08-05), so the setting cannot be judged.',
    );
  });
});

describe('list checks with items lacking a judged field', () => {
  const member = (username: string, extra: object = {}) => ({
    id: username,
    username,
    orgMembershipStatus: 'ACTIVE',
    roles: { orgRoles: ['ORG_MEMBER'] },
    createdAt: '2025-01-01T00:00:00Z',
    lastAuth: '2026-05-30T00:00:00Z',
    ...extra,
  });
  const users = (list: object[]) => orgSnapshot({ users: ok(USERS, list as never) });

  it('identity.no-stale-members on a member without login dates', () => {
    const list = [member('a@x'), member('b@x', { lastAuth: undefined, createdAt: undefined })];
    const result = identityChecks['identity.no-stale-members'](users(list), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('lastAuth or createdAt', 1, 2, USERS));
    expect((result.values as { unjudged: unknown }).unjudged).toEqual([
      { item: 'b@x', field: 'lastAuth or createdAt', found: 'absent' },
    ]);
  });

  it('identity.no-stale-members keeps FAIL for a judged offender', () => {
    const list = [
      member('old@x', { lastAuth: '2025-01-01T00:00:00Z' }),
      member('b@x', { lastAuth: undefined, createdAt: undefined }),
    ];
    const result = identityChecks['identity.no-stale-members'](users(list), env());
    expect(result.status).toBe('FAIL');
    expect(result.detail).toBe(
      'Active members without a login for over 90 days: 1. ' +
        unjudged('lastAuth or createdAt', 1, 2, USERS),
    );
  });

  it('identity.no-stale-members on a user without a membership status', () => {
    const list = [member('a@x', { orgMembershipStatus: undefined })];
    const result = identityChecks['identity.no-stale-members'](users(list), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('orgMembershipStatus', 1, 1, USERS));
  });

  it('identity.no-stale-invitations on an invitation without its date', () => {
    const list = [member('p@x', { orgMembershipStatus: 'PENDING' })];
    const result = identityChecks['identity.no-stale-invitations'](users(list), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('invitationCreatedAt', 1, 1, USERS));
  });

  it('identity.org-owner-limit on a member without org roles', () => {
    const list = [member('a@x', { roles: {} })];
    const result = identityChecks['identity.org-owner-limit'](users(list), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('roles.orgRoles', 1, 1, USERS));
  });

  it('identity.no-org-owner-machine-credentials on a key without roles', () => {
    const snapshot = orgSnapshot({
      apiKeys: ok('/orgs/{orgId}/apiKeys', [{ id: 'k1', publicKey: 'abcdefgh' }]),
    });
    const result = identityChecks['identity.no-org-owner-machine-credentials'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('roles', 1, 1, '/orgs/{orgId}/apiKeys'));
  });

  it('identity.no-expired-service-account-secrets on an account without secrets', () => {
    const accounts = [{ clientId: 'mdb_sa_id_1', name: 'ci' }];
    const snapshot = orgSnapshot({
      serviceAccounts: ok('/orgs/{orgId}/serviceAccounts', accounts),
    });
    const check = identityChecks['identity.no-expired-service-account-secrets'];
    const result = check(snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('secrets', 1, 1, '/orgs/{orgId}/serviceAccounts'));
  });

  const dbUser = (extra: object) => ({
    username: 'app',
    databaseName: 'admin',
    groupId: P1,
    roles: [{ roleName: 'read', databaseName: 'app' }],
    scopes: [{ name: 'Cluster0', type: 'CLUSTER' }],
    awsIAMType: 'NONE',
    ldapAuthType: 'NONE',
    x509Type: 'MANAGED',
    oidcAuthType: 'NONE',
    ...extra,
  });
  const DB_CASES: [string, object, string][] = [
    ['database.no-broad-admin-grants', { roles: undefined }, 'roles'],
    ['database.users-scoped-to-clusters', { scopes: undefined }, 'scopes'],
    ['database.no-expired-temporary-users', { deleteAfterDate: 'soon' }, 'deleteAfterDate'],
    [
      'database.external-authentication',
      { x509Type: 'NONE', oidcAuthType: undefined },
      'oidcAuthType',
    ],
  ];

  for (const [id, change, field] of DB_CASES) {
    it(`${id} on a user without a usable ${field}`, () => {
      const snapshot = projectSnapshot({ databaseUsers: ok(DB_USERS, [dbUser(change)] as never) });
      const result = databaseChecks[id](snapshot, env());
      expect(result.status).toBe('UNKNOWN');
      expect(result.detail).toBe(unjudged(field, 1, 1, DB_USERS));
    });
  }

  it('database.custom-roles-least-privilege on a role without inheritedRoles', () => {
    const template = '/groups/{groupId}/customDBRoles/roles';
    const roles = [{ roleName: 'reader', actions: [{ action: 'FIND' }] }];
    const snapshot = projectSnapshot({ customRoles: ok(template, roles as never) });
    const result = databaseChecks['database.custom-roles-least-privilege'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('inheritedRoles', 1, 1, template));
  });

  it('network access-list checks on an entry without an address', () => {
    const template = '/groups/{groupId}/accessList';
    const snapshot = projectSnapshot({ accessList: ok(template, [{ comment: 'x' }]) });
    for (const id of [
      'network.no-internet-access',
      'network.no-wide-cidr',
      'network.no-expired-temporary-entries',
    ]) {
      const result = networkChecks[id](snapshot, env());
      expect(result.status, id).toBe('UNKNOWN');
      expect(result.detail, id).toBe(
        unjudged('cidrBlock, ipAddress or awsSecurityGroup', 1, 1, template),
      );
    }
  });

  it('network.no-wide-cidr on an unparsable block', () => {
    const template = '/groups/{groupId}/accessList';
    const snapshot = projectSnapshot({ accessList: ok(template, [{ cidrBlock: 'x/y' }]) });
    const result = networkChecks['network.no-wide-cidr'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('cidrBlock', 1, 1, template));
  });

  it('network.private-endpoints-available on a service without status', () => {
    const template = '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService';
    const services = [
      { id: 'e1', cloudProvider: 'AWS', status: 'AVAILABLE' },
      { id: 'e2', cloudProvider: 'AWS' },
    ];
    const snapshot = projectSnapshot({ privateEndpoints: ok(template, services) });
    const result = networkChecks['network.private-endpoints-available'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('status', 1, 2, template));
  });

  it('network.peering-healthy on a connection without status', () => {
    const template = '/groups/{groupId}/peers';
    const snapshot = projectSnapshot({ peers: ok(template, [{ id: 'p1', containerId: 'c' }]) });
    const result = networkChecks['network.peering-healthy'](snapshot, env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(unjudged('statusName or status', 1, 1, template));
  });

  it('cluster.auto-scaling on a region without auto-scaling', () => {
    const specs = [{ zoneName: 'Zone 1', regionConfigs: [{ regionName: 'EU_WEST_1' }] }];
    const result = clusterChecks['cluster.auto-scaling'](
      cluster([], { replicationSpecs: specs as never }),
      env(),
    );
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      unjudged('autoScaling.compute.enabled, autoScaling.diskGB.enabled', 1, 1, CLUSTERS),
    );
  });

  it('cluster.electable-nodes on a region without a node count', () => {
    const specs = [
      {
        zoneName: 'Zone 1',
        regionConfigs: [
          { regionName: 'EU_WEST_1', electableSpecs: { nodeCount: 2 } },
          { regionName: 'EU_WEST_2', electableSpecs: {} },
        ],
      },
    ];
    const result = clusterChecks['cluster.electable-nodes'](
      cluster([], { replicationSpecs: specs as never }),
      env(),
    );
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      unjudged('regionConfigs[].electableSpecs.nodeCount', 1, 1, CLUSTERS),
    );
  });

  it('cluster.electable-nodes passes three known nodes despite a missing count', () => {
    const specs = [
      {
        zoneName: 'Zone 1',
        regionConfigs: [
          { regionName: 'EU_WEST_1', electableSpecs: { nodeCount: 3 } },
          { regionName: 'EU_WEST_2', readOnlySpecs: { nodeCount: 1 } },
        ],
      },
    ];
    const result = clusterChecks['cluster.electable-nodes'](
      cluster([], { replicationSpecs: specs as never }),
      env(),
    );
    expect(result.status).toBe('PASS');
  });
});
