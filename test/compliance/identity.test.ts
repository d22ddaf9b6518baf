import { describe, expect, it } from 'vitest';
import { identityChecks } from '../../src/compliance/checks/identity.js';
import type { OrgUser, ServiceAccount } from '../../src/atlas/types.js';
import { sourceOf } from '../../src/compliance/reads.js';
import { daysAgo, denied, env, ok, orgSnapshot } from './helpers.js';

const SETTINGS = sourceOf('/orgs/{orgId}/settings');
const USERS = sourceOf('/orgs/{orgId}/users');

function member(username: string, extra: Partial<OrgUser> = {}): OrgUser {
  return {
    id: username.padEnd(24, '0').slice(0, 24),
    username,
    orgMembershipStatus: 'ACTIVE',
    roles: { orgRoles: ['ORG_MEMBER'] },
    createdAt: daysAgo(400),
    lastAuth: daysAgo(1),
    ...extra,
  };
}

function settings(value: object) {
  return orgSnapshot({ settings: ok('/orgs/{orgId}/settings', value) });
}

function users(list: OrgUser[]) {
  return orgSnapshot({ users: ok('/orgs/{orgId}/users', list) });
}

describe('identity checks', () => {
  it('passes MFA when the organisation requires it', () => {
    expect(
      identityChecks['identity.mfa-required'](settings({ multiFactorAuthRequired: true }), env()),
    ).toEqual({
      status: 'PASS',
      detail: 'multiFactorAuthRequired is true.',
      values: { multiFactorAuthRequired: true },
      sources: [SETTINGS],
    });
  });

  it('fails MFA and keeps readable federation settings as context', () => {
    const snapshot = orgSnapshot({
      settings: ok('/orgs/{orgId}/settings', { multiFactorAuthRequired: false }),
      federation: ok('/orgs/{orgId}/federationSettings', {
        id: 'f1',
        identityProviderStatus: 'ACTIVE',
        federatedDomains: ['corp.example'],
      }),
    });
    expect(identityChecks['identity.mfa-required'](snapshot, env())).toEqual({
      status: 'FAIL',
      detail: 'multiFactorAuthRequired is false.',
      values: {
        multiFactorAuthRequired: false,
        identityProviderStatus: 'ACTIVE',
        federatedDomains: ['corp.example'],
      },
      sources: [SETTINGS, sourceOf('/orgs/{orgId}/federationSettings')],
    });
  });

  it('returns UNKNOWN with the reason when settings are denied', () => {
    const snapshot = orgSnapshot({ settings: denied('/orgs/{orgId}/settings') });
    for (const id of [
      'identity.mfa-required',
      'identity.api-access-list-required',
      'identity.employee-access-restricted',
      'identity.security-contact-set',
      'identity.service-account-secret-lifetime',
    ]) {
      const result = identityChecks[id](snapshot, env());
      expect(result.status, id).toBe('UNKNOWN');
      expect(result.detail, id).toContain('ATLAS_PERMISSION_DENIED, HTTP 401 USER_UNAUTHORIZED');
      expect(result.values, id).toBeNull();
    }
  });

  it('returns UNKNOWN when a setting is absent from the response', () => {
    const result = identityChecks['identity.api-access-list-required'](settings({}), env());
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toBe(
      'Atlas returned no apiAccessListRequired from /orgs/{orgId}/settings ' +
        '(API version 2023-01-01), ' +
        'so the setting cannot be judged.',
    );
  });

  it('judges the access-list and employee-access settings', () => {
    const on = settings({ apiAccessListRequired: true, restrictEmployeeAccess: true });
    const off = settings({ apiAccessListRequired: false, restrictEmployeeAccess: false });
    for (const id of ['identity.api-access-list-required', 'identity.employee-access-restricted']) {
      expect(identityChecks[id](on, env()).status, id).toBe('PASS');
      expect(identityChecks[id](off, env()).status, id).toBe('FAIL');
    }
  });

  it('requires a non-blank security contact', () => {
    const check = identityChecks['identity.security-contact-set'];
    expect(check(settings({ securityContact: 'sec@corp.example' }), env()).status).toBe('PASS');
    expect(check(settings({ securityContact: '  ' }), env()).status).toBe('FAIL');
    expect(check(settings({ securityContact: '  ' }), env()).detail).toBe(
      'No security contact is set.',
    );
  });

  it('compares secret lifetime with the configured limit', () => {
    const check = identityChecks['identity.service-account-secret-lifetime'];
    expect(check(settings({ maxServiceAccountSecretValidityInHours: 720 }), env())).toEqual({
      status: 'PASS',
      detail: 'Secrets last at most 720 h (limit 2160 h).',
      values: { maxServiceAccountSecretValidityInHours: 720, limitHours: 2160 },
      sources: [SETTINGS],
    });
    const fail = check(settings({ maxServiceAccountSecretValidityInHours: 8760 }), env());
    expect(fail.status).toBe('FAIL');
    expect(
      check(
        settings({ maxServiceAccountSecretValidityInHours: 720 }),
        env({ maxServiceAccountSecretHours: 24 }),
      ).status,
    ).toBe('FAIL');
    expect(check(settings({}), env()).status).toBe('UNKNOWN');
  });

  it('lists expired service-account secrets', () => {
    const accounts: ServiceAccount[] = [
      {
        clientId: 'mdb_sa_id_1',
        name: 'ci',
        secrets: [{ id: 's1', expiresAt: daysAgo(2) }, { id: 's2', expiresAt: daysAgo(-30) }],
      },
      { clientId: 'mdb_sa_id_2', name: 'etl', secrets: [{ id: 's3', expiresAt: daysAgo(-5) }] },
    ];
    const check = identityChecks['identity.no-expired-service-account-secrets'];
    const result = check(
      orgSnapshot({ serviceAccounts: ok('/orgs/{orgId}/serviceAccounts', accounts) }),
      env(),
    );
    expect(result.status).toBe('FAIL');
    expect(result.values).toEqual({
      expiredSecrets: [
        { clientId: 'mdb_sa_id_1', name: 'ci', secretId: 's1', expiresAt: daysAgo(2) },
      ],
    });
    const fine = check(
      orgSnapshot({ serviceAccounts: ok('/orgs/{orgId}/serviceAccounts', [accounts[1]]) }),
      env(),
    );
    expect(fine.status).toBe('PASS');
    const unknown = check(
      orgSnapshot({ serviceAccounts: denied('/orgs/{orgId}/serviceAccounts') }),
      env(),
    );
    expect(unknown.status).toBe('UNKNOWN');
  });

  it('flags active members without a recent login', () => {
    const list = [
      member('fresh@corp.example'),
      member('old@corp.example', { lastAuth: daysAgo(91) }),
      member('never@corp.example', { lastAuth: undefined, createdAt: daysAgo(120) }),
      member('new@corp.example', { lastAuth: undefined, createdAt: daysAgo(3) }),
      member(
        'invitee@corp.example',
        { orgMembershipStatus: 'PENDING', lastAuth: undefined, createdAt: undefined },
      ),
    ];
    const result = identityChecks['identity.no-stale-members'](users(list), env());
    expect(result).toEqual({
      status: 'FAIL',
      detail: 'Active members without a login for over 90 days: 2.',
      values: {
        staleLoginDays: 90,
        staleMembers: [
          { username: 'old@corp.example', lastAuth: daysAgo(91), createdAt: daysAgo(400) },
          { username: 'never@corp.example', lastAuth: null, createdAt: daysAgo(120) },
        ],
      },
      sources: [USERS],
    });
    expect(
      identityChecks['identity.no-stale-members'](users(list), env({ staleLoginDays: 200 })).status,
    ).toBe('PASS');
    const unknown = identityChecks['identity.no-stale-members'](
      orgSnapshot({ users: denied('/orgs/{orgId}/users') }),
      env(),
    );
    expect(unknown.status).toBe('UNKNOWN');
  });

  it('flags invitations pending longer than the limit', () => {
    const pending = (name: string, days: number) =>
      member(
        name,
        {
          orgMembershipStatus: 'PENDING',
          lastAuth: undefined,
          createdAt: undefined,
          invitationCreatedAt: daysAgo(days),
        },
      );
    const check = identityChecks['identity.no-stale-invitations'];
    const result = check(users([pending('a@x.example', 31), pending('b@x.example', 5)]), env());
    expect(result.status).toBe('FAIL');
    expect(result.values).toEqual({
      pendingInvitationDays: 30,
      staleInvitations: [{ username: 'a@x.example', invitationCreatedAt: daysAgo(31) }],
    });
    expect(check(users([pending('b@x.example', 5)]), env()).status).toBe('PASS');
  });

  it('counts active organisation owners against the limit', () => {
    const owner = (name: string) => member(name, { roles: { orgRoles: ['ORG_OWNER'] } });
    const check = identityChecks['identity.org-owner-limit'];
    const four = [owner('a@x'), owner('b@x'), owner('c@x'), owner('d@x')];
    expect(check(users(four), env()).detail).toBe(
      'Members holding ORG_OWNER: 4, over the limit of 3.',
    );
    expect(check(users(four), env()).status).toBe('FAIL');
    expect(check(users(four.slice(0, 3)), env()).status).toBe('PASS');
    expect(check(users(four), env({ maxOrgOwners: 4 })).status).toBe('PASS');
  });

  it('flags API keys and service accounts holding ORG_OWNER', () => {
    const snapshot = orgSnapshot({
      apiKeys: ok('/orgs/{orgId}/apiKeys', [
        { id: 'k1', publicKey: 'abcdefgh', roles: [{ roleName: 'ORG_OWNER', orgId: 'o' }] },
        { id: 'k2', publicKey: 'ijklmnop', roles: [{ roleName: 'ORG_READ_ONLY', orgId: 'o' }] },
      ]),
      serviceAccounts: ok(
        '/orgs/{orgId}/serviceAccounts',
        [{ clientId: 'mdb_sa_id_9', name: 'ops', roles: ['ORG_OWNER'] }],
      ),
    });
    const check = identityChecks['identity.no-org-owner-machine-credentials'];
    expect(check(snapshot, env()).values).toEqual({
      orgOwnerCredentials: [
        { kind: 'API_KEY', id: 'k1', publicKey: 'abcdefgh' },
        { kind: 'SERVICE_ACCOUNT', id: 'mdb_sa_id_9', name: 'ops' },
      ],
    });
    expect(check(orgSnapshot(), env()).status).toBe('PASS');
    expect(
      check(
        orgSnapshot({ serviceAccounts: denied('/orgs/{orgId}/serviceAccounts') }),
        env(),
      ).status,
    ).toBe('UNKNOWN');
  });

  it('requires an access list on every API key', () => {
    const keys = ok('/orgs/{orgId}/apiKeys', [
      { id: 'k1', publicKey: 'abcdefgh' },
      { id: 'k2', publicKey: 'ijklmnop', desc: 'ci' },
    ]);
    const list = '/orgs/{orgId}/apiKeys/{apiUserId}/accessList';
    const check = identityChecks['identity.api-keys-have-access-list'];
    const failing = orgSnapshot({
      apiKeys: keys,
      apiKeyAccessLists: { k1: ok(list, [{ cidrBlock: '203.0.113.0/24' }]), k2: ok(list, []) },
    });
    expect(check(failing, env()).status).toBe('FAIL');
    expect(check(failing, env()).values).toEqual({
      keysWithoutAccessList: [{ id: 'k2', publicKey: 'ijklmnop', desc: 'ci' }],
    });
    const passing = orgSnapshot({
      apiKeys: keys,
      apiKeyAccessLists: {
        k1: ok(list, [{ ipAddress: '203.0.113.7' }]),
        k2: ok(list, [{ ipAddress: '203.0.113.8' }]),
      },
    });
    expect(check(passing, env()).status).toBe('PASS');
    const partlyDenied = orgSnapshot(
      { apiKeys: keys, apiKeyAccessLists: { k1: ok(list, []), k2: denied(list) } },
    );
    expect(check(partlyDenied, env()).status).toBe('UNKNOWN');
    expect(
      check(orgSnapshot({ apiKeys: denied('/orgs/{orgId}/apiKeys') }), env()).status,
    ).toBe('UNKNOWN');
  });
});
