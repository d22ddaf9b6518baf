import { describe, expect, it } from 'vitest';
import {
  complianceConfigFrom,
  defaultComplianceConfig,
  loadComplianceConfig,
} from '../../src/compliance/config.js';

describe('compliance config', () => {
  it('uses the defaults for an empty environment', () => {
    expect(loadComplianceConfig({})).toEqual({
      staleLoginDays: 90,
      pendingInvitationDays: 30,
      maxOrgOwners: 3,
      maxServiceAccountSecretHours: 2160,
      minIpv4PrefixLength: 24,
      minIpv6PrefixLength: 48,
      privilegedDatabaseUserAllowList: [],
    });
  });

  it('reads every variable', () => {
    expect(
      loadComplianceConfig({
        COMPLIANCE_STALE_LOGIN_DAYS: '60',
        COMPLIANCE_PENDING_INVITATION_DAYS: '14',
        COMPLIANCE_MAX_ORG_OWNERS: '2',
        COMPLIANCE_MAX_SA_SECRET_HOURS: '720',
        COMPLIANCE_MIN_IPV4_PREFIX: '28',
        COMPLIANCE_MIN_IPV6_PREFIX: '56',
        COMPLIANCE_PRIVILEGED_DB_USERS: 'admin:breakglass, ops ,',
      }),
    ).toEqual({
      staleLoginDays: 60,
      pendingInvitationDays: 14,
      maxOrgOwners: 2,
      maxServiceAccountSecretHours: 720,
      minIpv4PrefixLength: 28,
      minIpv6PrefixLength: 56,
      privilegedDatabaseUserAllowList: ['admin:breakglass', 'ops'],
    });
  });

  it('rejects values that are not whole numbers in range', () => {
    expect(() => loadComplianceConfig({ COMPLIANCE_STALE_LOGIN_DAYS: 'ninety' })).toThrow(
      'Invalid COMPLIANCE_STALE_LOGIN_DAYS="ninety": ' +
        'expected a whole number from 0 to 9007199254740991.',
    );
    expect(() => loadComplianceConfig({ COMPLIANCE_MIN_IPV4_PREFIX: '33' })).toThrow(RangeError);
    expect(() => loadComplianceConfig({ COMPLIANCE_MAX_SA_SECRET_HOURS: '4' })).toThrow(RangeError);
  });

  it('fills settings the context lacks with defaults', () => {
    expect(complianceConfigFrom({ staleLoginDays: 30 })).toEqual(
      { ...defaultComplianceConfig, staleLoginDays: 30 },
    );
    expect(complianceConfigFrom(undefined)).toEqual(defaultComplianceConfig);
  });
});
