import { describe, expect, it } from 'vitest';
import { databaseChecks } from '../../src/compliance/checks/database.js';
import { loggingChecks } from '../../src/compliance/checks/logging.js';
import { networkChecks, isOpenToInternet, prefixOf } from '../../src/compliance/checks/network.js';
import { sourceOf } from '../../src/compliance/reads.js';
import type { AccessListEntry, AtlasDatabaseUser, CustomDbRole } from '../../src/atlas/types.js';
import { dedicatedClusterModel, flexClusterModel } from '../../src/loaders/models.js';
import { daysAgo, denied, env, ok, projectSnapshot } from './helpers.js';

const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';

function dbUser(username: string, extra: Partial<AtlasDatabaseUser> = {}): AtlasDatabaseUser {
  return {
    username,
    databaseName: '$external',
    groupId: P1,
    x509Type: 'MANAGED',
    roles: [{ roleName: 'readWrite', databaseName: 'app' }],
    scopes: [{ name: 'Cluster0', type: 'CLUSTER' }],
    ...extra,
  };
}

const withUsers = (users: AtlasDatabaseUser[]) =>
  projectSnapshot({ databaseUsers: ok('/groups/{groupId}/databaseUsers', users) });
const withRoles = (roles: CustomDbRole[]) =>
  projectSnapshot({ customRoles: ok('/groups/{groupId}/customDBRoles/roles', roles) });
const withEntries = (entries: AccessListEntry[]) =>
  projectSnapshot({ accessList: ok('/groups/{groupId}/accessList', entries) });

const DEDICATED = dedicatedClusterModel({
  groupId: P1,
  name: 'Cluster0',
  replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'EU_WEST_1' }] }],
});
const FLEX = flexClusterModel({ groupId: P1, name: 'FlexA' });

function withAudit(auditLog: object, clusters = [DEDICATED]) {
  return projectSnapshot({
    clusters: ok('/groups/{groupId}/clusters', clusters),
    auditLog: ok('/groups/{groupId}/auditLog', auditLog),
  });
}

describe('database access checks', () => {
  it('flags any-database admin roles outside the allow-list', () => {
    const users = [
      dbUser('CN=app'),
      dbUser(
        'ops',
        {
          databaseName: 'admin',
          x509Type: 'NONE',
          roles: [{ roleName: 'atlasAdmin', databaseName: 'admin' }],
        },
      ),
      dbUser(
        'etl',
        {
          roles: [
            { roleName: 'readWriteAnyDatabase', databaseName: 'admin' },
            { roleName: 'read', databaseName: 'x' },
          ],
        },
      ),
    ];
    const check = databaseChecks['database.no-broad-admin-grants'];
    expect(check(withUsers(users), env())).toEqual({
      status: 'FAIL',
      detail: 'Database users with an any-database admin role: 2.',
      values: {
        allowList: [],
        offenders: [
          { user: 'admin:ops', roles: ['atlasAdmin'] },
          { user: '$external:etl', roles: ['readWriteAnyDatabase'] },
        ],
      },
      sources: [sourceOf('/groups/{groupId}/databaseUsers')],
    });
    const allowed = env({ privilegedDatabaseUserAllowList: ['admin:ops', 'etl'] });
    expect(check(withUsers(users), allowed).status).toBe('PASS');
    const unknown = check(
      projectSnapshot({ databaseUsers: denied('/groups/{groupId}/databaseUsers') }),
      env(),
    );
    expect(unknown.status).toBe('UNKNOWN');
  });

  it('flags users without cluster scopes', () => {
    const check = databaseChecks['database.users-scoped-to-clusters'];
    const result = check(withUsers([dbUser('a'), dbUser('b', { scopes: [] })]), env());
    expect(result.values).toEqual({ unscopedUsers: ['$external:b'] });
    expect(result.status).toBe('FAIL');
    expect(check(withUsers([dbUser('a')]), env()).status).toBe('PASS');
  });

  it('flags temporary users past their delete-after date', () => {
    const check = databaseChecks['database.no-expired-temporary-users'];
    const users = [
      dbUser('old', { deleteAfterDate: daysAgo(1) }),
      dbUser('soon', { deleteAfterDate: daysAgo(-1) }),
    ];
    expect(check(withUsers(users), env()).values).toEqual({
      expiredUsers: [{ user: '$external:old', deleteAfterDate: daysAgo(1) }],
    });
    expect(check(withUsers(users.slice(1)), env()).status).toBe('PASS');
  });

  it('reports SCRAM users', () => {
    const check = databaseChecks['database.external-authentication'];
    const scram = dbUser(
      'app',
      {
        databaseName: 'admin',
        x509Type: 'NONE',
        ldapAuthType: 'NONE',
        awsIAMType: 'NONE',
        oidcAuthType: 'NONE',
      },
    );
    const result = check(
      withUsers(
        [scram, dbUser('CN=svc'), dbUser('arn', { x509Type: undefined, awsIAMType: 'ROLE' })],
      ),
      env(),
    );
    expect(result.status).toBe('FAIL');
    expect(result.values).toEqual({ scramUsers: ['admin:app'] });
    expect(check(withUsers([dbUser('CN=svc')]), env()).status).toBe('PASS');
  });

  it('flags dangerous custom roles, inherited ones too', () => {
    const roles: CustomDbRole[] = [
      {
        roleName: 'reader',
        actions: [{ action: 'FIND', resources: [{ db: 'app', collection: '' }] }],
        inheritedRoles: [],
      },
      {
        roleName: 'dropper',
        actions: [{ action: 'DROP_DATABASE', resources: [{ db: 'app' }] }],
        inheritedRoles: [],
      },
      {
        roleName: 'boss',
        actions: [],
        inheritedRoles: [{ role: 'dbAdminAnyDatabase', db: 'admin' }],
      },
      {
        roleName: 'wrapper',
        actions: [],
        inheritedRoles: [{ role: 'dropper', db: 'admin' }, { role: 'wrapper', db: 'admin' }],
      },
    ];
    const check = databaseChecks['database.custom-roles-least-privilege'];
    expect(check(withRoles(roles), env()).values).toEqual({
      offenders: [
        { roleName: 'dropper', grants: ['action DROP_DATABASE'] },
        { roleName: 'boss', grants: ['inherits dbAdminAnyDatabase'] },
        { roleName: 'wrapper', grants: ['action DROP_DATABASE via dropper'] },
      ],
    });
    expect(check(withRoles(roles.slice(0, 1)), env()).status).toBe('PASS');
    const unknown = check(
      projectSnapshot({ customRoles: denied('/groups/{groupId}/customDBRoles/roles') }),
      env(),
    );
    expect(unknown.status).toBe('UNKNOWN');
  });
});

describe('network checks', () => {
  it('recognises every form of an internet-wide entry', () => {
    expect(isOpenToInternet({ cidrBlock: '0.0.0.0/0' })).toBe(true);
    expect(isOpenToInternet({ cidrBlock: '::/0' })).toBe(true);
    expect(isOpenToInternet({ ipAddress: '0.0.0.0' })).toBe(true);
    expect(isOpenToInternet({ ipAddress: '203.0.113.7', cidrBlock: '203.0.113.7/32' })).toBe(false);
    expect(isOpenToInternet({ awsSecurityGroup: 'sg-0123456' })).toBe(false);
  });

  it('parses prefixes of both address families', () => {
    expect(prefixOf('10.0.0.0/8')).toEqual({ family: 4, prefix: 8 });
    expect(prefixOf('2001:db8::/32')).toEqual({ family: 6, prefix: 32 });
    expect(prefixOf('203.0.113.7')).toEqual({ family: 4, prefix: 32 });
    expect(prefixOf('sg-1')).toBeUndefined();
  });

  it('fails on an internet-wide entry, temporary ones included', () => {
    const entries = [
      { ipAddress: '203.0.113.7', cidrBlock: '203.0.113.7/32' },
      { cidrBlock: '0.0.0.0/0', deleteAfterDate: '2031-01-01T00:00:00Z', comment: 'debug' },
      { awsSecurityGroup: 'sg-0123456' },
    ];
    expect(networkChecks['network.no-internet-access'](withEntries(entries), env())).toEqual({
      status: 'FAIL',
      detail: 'Access-list entries that admit the whole internet: 1.',
      values: {
        openEntries: [
          { entry: '0.0.0.0/0', comment: 'debug', deleteAfterDate: '2031-01-01T00:00:00Z' },
        ],
      },
      sources: [sourceOf('/groups/{groupId}/accessList')],
    });
    expect(
      networkChecks['network.no-internet-access'](withEntries(entries.slice(0, 1)), env()).status,
    ).toBe('PASS');
  });

  it('fails on entries wider than the IPv4 and IPv6 limits', () => {
    const check = networkChecks['network.no-wide-cidr'];
    const entries = [
      { cidrBlock: '198.51.100.0/24' },
      { cidrBlock: '10.0.0.0/16' },
      { cidrBlock: '2001:db8::/48' },
      { cidrBlock: '2001:db8::/32' },
      { awsSecurityGroup: 'sg-1' },
    ];
    const result = check(withEntries(entries), env());
    expect(result.status).toBe('FAIL');
    const values = result.values as { wideEntries: { entry: string }[] };
    expect(values.wideEntries.map((entry) => entry.entry)).toEqual([
      '10.0.0.0/16',
      '2001:db8::/32',
    ]);
    expect(
      check(withEntries(entries), env({ minIpv4PrefixLength: 16, minIpv6PrefixLength: 32 })).status,
    ).toBe('PASS');
  });

  it('fails on temporary entries past their date', () => {
    const check = networkChecks['network.no-expired-temporary-entries'];
    expect(
      check(
        withEntries([{ cidrBlock: '198.51.100.0/24', deleteAfterDate: daysAgo(1) }]),
        env(),
      ).status,
    ).toBe('FAIL');
    expect(
      check(
        withEntries([{ cidrBlock: '198.51.100.0/24', deleteAfterDate: daysAgo(-1) }]),
        env(),
      ).status,
    ).toBe('PASS');
  });

  it('returns UNKNOWN for access-list checks when the list is denied', () => {
    const snapshot = projectSnapshot({ accessList: denied('/groups/{groupId}/accessList') });
    for (const id of [
        'network.no-internet-access',
        'network.no-wide-cidr',
        'network.no-expired-temporary-entries',
    ]) {
      expect(networkChecks[id](snapshot, env()).status, id).toBe('UNKNOWN');
    }
  });

  it('judges private endpoints only where configured', () => {
    const check = networkChecks['network.private-endpoints-available'];
    const template = '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService';
    const with_ = (services: object[]) => projectSnapshot(
      { privateEndpoints: ok(template, services as never) },
    );
    expect(check(with_([]), env()).status).toBe('NOT_APPLICABLE');
    expect(
      check(with_([{ id: 'e1', cloudProvider: 'AWS', status: 'AVAILABLE' }]), env()).status,
    ).toBe('PASS');
    const failed = check(
      with_([{ id: 'e2', cloudProvider: 'AZURE', status: 'FAILED', errorMessage: 'quota' }]),
      env(),
    );
    expect(failed.status).toBe('FAIL');
    expect(failed.values).toEqual(
      { services: [{ id: 'e2', cloudProvider: 'AZURE', status: 'FAILED', errorMessage: 'quota' }] },
    );
    expect(
      check(projectSnapshot({ privateEndpoints: denied(template) }), env()).status,
    ).toBe('UNKNOWN');
  });

  it('judges peering connections only where configured', () => {
    const check = networkChecks['network.peering-healthy'];
    const with_ = (peers: object[]) => projectSnapshot(
      { peers: ok('/groups/{groupId}/peers', peers as never) },
    );
    expect(check(with_([]), env()).status).toBe('NOT_APPLICABLE');
    expect(
      check(with_([{ id: 'p1', containerId: 'c', statusName: 'AVAILABLE' }]), env()).status,
    ).toBe('PASS');
    expect(
      check(
        with_([{ id: 'p2', containerId: 'c', statusName: 'FAILED', errorStateName: 'REJECTED' }]),
        env(),
      ).status,
    ).toBe('FAIL');
    expect(
      check(with_([{ id: 'p3', containerId: 'c', status: 'FAILED' }]), env()).status,
    ).toBe('FAIL');
  });
});

describe('logging and key checks', () => {
  const full = {
    enabled: true,
    auditAuthorizationSuccess: true,
    auditFilter: '{"atype":"authenticate"}',
  };

  it('passes a fully configured audit log', () => {
    for (const id of [
        'logging.database-auditing',
        'logging.audit-authorization-success',
        'logging.audit-filter',
    ]) {
      expect(loggingChecks[id](withAudit(full), env()).status, id).toBe('PASS');
    }
  });

  it('fails every audit check when auditing is off', () => {
    for (const id of [
        'logging.database-auditing',
        'logging.audit-authorization-success',
        'logging.audit-filter',
    ]) {
      expect(loggingChecks[id](withAudit({ enabled: false }), env())).toEqual({
        status: 'FAIL',
        detail: 'Database auditing is off.',
        values: { enabled: false },
        sources: [sourceOf('/groups/{groupId}/auditLog')],
      });
    }
  });

  it('fails the finer audit settings on their own', () => {
    const partial = { enabled: true, auditAuthorizationSuccess: false, auditFilter: '' };
    expect(
      loggingChecks['logging.audit-authorization-success'](withAudit(partial), env()).status,
    ).toBe('FAIL');
    expect(loggingChecks['logging.audit-filter'](withAudit(partial), env()).status).toBe('FAIL');
    expect(
      loggingChecks['logging.database-auditing'](withAudit(partial), env()).status,
    ).toBe('PASS');
  });

  it('returns UNKNOWN when the audit log is denied', () => {
    const snapshot = projectSnapshot({
      clusters: ok('/groups/{groupId}/clusters', [DEDICATED]),
      auditLog: denied('/groups/{groupId}/auditLog'),
    });
    const result = loggingChecks['logging.database-auditing'](snapshot, env());
    expect(result).toEqual({
      status: 'UNKNOWN',
      detail:
        'Could not read /groups/{groupId}/auditLog ' +
        '(ATLAS_PERMISSION_DENIED, HTTP 401 USER_UNAUTHORIZED): grant a role.',
      values: null,
      sources: [sourceOf('/groups/{groupId}/auditLog')],
    });
  });

  it('gives projects without dedicated clusters NOT_APPLICABLE', () => {
    const snapshot = withAudit({ enabled: false }, [FLEX]);
    for (const id of Object.keys(loggingChecks)) {
      expect(loggingChecks[id](snapshot, env()).status, id).toBe('NOT_APPLICABLE');
    }
  });

  it('requires an enabled and valid customer-managed key', () => {
    const check = loggingChecks['keys.customer-managed-key'];
    const off = { enabled: false };
    const with_ = (settings: object) =>
      projectSnapshot({
        clusters: ok('/groups/{groupId}/clusters', [DEDICATED]),
        encryptionAtRest: ok('/groups/{groupId}/encryptionAtRest', {
          awsKms: off,
          azureKeyVault: off,
          googleCloudKms: off,
          ...settings,
        }),
      });
    expect(check(with_({ awsKms: { enabled: true, valid: true } }), env()).status).toBe('PASS');
    expect(
      check(with_({ awsKms: { enabled: true, valid: false } }), env()).detail,
    ).toBe('Enabled keys are not valid (awsKms).');
    expect(check(with_({}), env()).detail).toBe('No customer-managed key provider is enabled.');
    expect(check(with_({ googleCloudKms: { enabled: true } }), env()).status).toBe('UNKNOWN');
    expect(check(with_({ azureKeyVault: { enabled: true, valid: true } }), env()).values).toEqual({
      providers: {
        awsKms: { enabled: false, valid: null },
        azureKeyVault: { enabled: true, valid: true },
        googleCloudKms: { enabled: false, valid: null },
      },
    });
  });
});
