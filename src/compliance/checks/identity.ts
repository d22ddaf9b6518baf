/**
 * Identity checks over organisation settings, members, API keys and service accounts.
 * Each is a pure function of an `OrganisationSnapshot`.
 */
import type { OrgUser } from '../../atlas/types.js';
import type { CheckEnvironment, OrganisationSnapshot } from '../snapshot.js';
import type { Loaded, Verdict } from '../types.js';
import { daysBetween, fieldAbsent, judgeLoaded, passUnlessOffenders } from './verdict.js';

type OrganisationCheck = (snapshot: OrganisationSnapshot, env: CheckEnvironment) => Verdict;

/** Judges one boolean organisation setting that must be true. */
function requireSetting(
  field: 'multiFactorAuthRequired' | 'apiAccessListRequired' | 'restrictEmployeeAccess',
): OrganisationCheck {
  return ({ settings }) =>
    judgeLoaded([settings], (value) => {
      const setting = value[field];
      if (setting === undefined) return fieldAbsent(field, settings.source);
      const detail = setting ? `${field} is true.` : `${field} is false.`;
      return { status: setting ? 'PASS' : 'FAIL', detail, values: { [field]: setting } };
    });
}

/** MFA must be required; federation settings, when readable, are kept as context. */
const mfaRequired: OrganisationCheck = (snapshot, env) => {
  const result = requireSetting('multiFactorAuthRequired')(snapshot, env);
  if (!snapshot.federation.ok || result.status === 'UNKNOWN') return result;
  const federation = snapshot.federation.value;
  return {
    ...result,
    values: {
      ...(result.values as object),
      identityProviderStatus: federation.identityProviderStatus ?? null,
      federatedDomains: federation.federatedDomains ?? [],
    },
    sources: [...result.sources, snapshot.federation.source],
  };
};

const securityContactSet: OrganisationCheck = ({ settings }) =>
  judgeLoaded([settings], (value) => {
    const contact = value.securityContact?.trim() ?? '';
    const values = { securityContact: value.securityContact ?? null };
    if (contact.length > 0) return { status: 'PASS', detail: 'A security contact is set.', values };
    return { status: 'FAIL', detail: 'No security contact is set.', values };
  });

const secretLifetimeCapped: OrganisationCheck = ({ settings }, { config }) =>
  judgeLoaded([settings], (value) => {
    const hours = value.maxServiceAccountSecretValidityInHours;
    const limit = config.maxServiceAccountSecretHours;
    if (hours === undefined) {
      return fieldAbsent('maxServiceAccountSecretValidityInHours', settings.source);
    }
    const values = { maxServiceAccountSecretValidityInHours: hours, limitHours: limit };
    if (hours <= limit) {
      return {
        status: 'PASS',
        detail: `Secrets last at most ${hours} h (limit ${limit} h).`,
        values,
      };
    }
    return {
      status: 'FAIL',
      detail: `Secrets may last ${hours} h, over the ${limit} h limit.`,
      values,
    };
  });

const noExpiredSecrets: OrganisationCheck = ({ serviceAccounts }, { now }) =>
  judgeLoaded([serviceAccounts], (accounts) => {
    const expired = accounts.flatMap((account) =>
      (account.secrets ?? [])
        .filter((secret) => Date.parse(secret.expiresAt) <= now)
        .map((secret) => ({
          clientId: account.clientId,
          name: account.name ?? null,
          secretId: secret.id,
          expiresAt: secret.expiresAt,
        })),
    );
    return passUnlessOffenders(
      expired,
      `No service account keeps an expired secret (${accounts.length} checked).`,
      `Expired service-account secrets still present: ${expired.length}.`,
      { expiredSecrets: expired },
    );
  });

/** Returns days since the member's last login, or since creation when they never logged in. */
function daysSinceLogin(user: OrgUser, now: number): number | undefined {
  const last = user.lastAuth ?? user.createdAt;
  return last === undefined ? undefined : daysBetween(Date.parse(last), now);
}

const noStaleMembers: OrganisationCheck = ({ users }, { config, now }) =>
  judgeLoaded([users], (list) => {
    const active = list.filter((user) => user.orgMembershipStatus === 'ACTIVE');
    const stale = active
      .filter((user) => (daysSinceLogin(user, now) ?? Infinity) > config.staleLoginDays)
      .map((user) => ({
        username: user.username,
        lastAuth: user.lastAuth ?? null,
        createdAt: user.createdAt ?? null,
      }));
    return passUnlessOffenders(
      stale,
      `Every active member logged in within ${config.staleLoginDays} days ` +
        `(${active.length} checked).`,
      `Active members without a login for over ${config.staleLoginDays} days: ${stale.length}.`,
      { staleLoginDays: config.staleLoginDays, staleMembers: stale },
    );
  });

const noStaleInvitations: OrganisationCheck = ({ users }, { config, now }) =>
  judgeLoaded([users], (list) => {
    const limit = config.pendingInvitationDays;
    const stale = list
      .filter((user) => user.orgMembershipStatus === 'PENDING')
      .filter((user) => {
        const created = user.invitationCreatedAt;
        return created === undefined || daysBetween(Date.parse(created), now) > limit;
      })
      .map((user) => ({
        username: user.username,
        invitationCreatedAt: user.invitationCreatedAt ?? null,
      }));
    return passUnlessOffenders(
      stale,
      `No invitation has been pending for over ${limit} days.`,
      `Invitations pending for over ${limit} days: ${stale.length}.`,
      { pendingInvitationDays: limit, staleInvitations: stale },
    );
  });

const orgOwnerLimit: OrganisationCheck = ({ users }, { config }) =>
  judgeLoaded([users], (list) => {
    const owners = list
      .filter((user) => user.orgMembershipStatus === 'ACTIVE')
      .filter((user) => user.roles.orgRoles?.includes('ORG_OWNER'))
      .map((user) => user.username);
    const values = { maxOrgOwners: config.maxOrgOwners, owners };
    if (owners.length <= config.maxOrgOwners) {
      return { status: 'PASS', detail: `Members holding ORG_OWNER: ${owners.length}.`, values };
    }
    const detail =
      `Members holding ORG_OWNER: ${owners.length}, over the limit of ${config.maxOrgOwners}.`;
    return { status: 'FAIL', detail, values };
  });

const noOwnerMachineCredentials: OrganisationCheck = ({ apiKeys, serviceAccounts }) =>
  judgeLoaded([apiKeys, serviceAccounts], (keys, accounts) => {
    const ownerKeys = keys
      .filter((key) => key.roles?.some((role) => role.roleName === 'ORG_OWNER'))
      .map((key) => ({ kind: 'API_KEY', id: key.id, publicKey: key.publicKey }));
    const ownerAccounts = accounts
      .filter((account) => account.roles?.includes('ORG_OWNER'))
      .map((account) => ({
        kind: 'SERVICE_ACCOUNT',
        id: account.clientId,
        name: account.name ?? null,
      }));
    const offenders = [...ownerKeys, ...ownerAccounts];
    return passUnlessOffenders(
      offenders,
      `No API key or service account holds ORG_OWNER (${keys.length + accounts.length} checked).`,
      `API keys and service accounts holding ORG_OWNER: ${offenders.length}.`,
      { orgOwnerCredentials: offenders },
    );
  });

/** Requires a non-empty access list per key; one failed access-list read makes it UNKNOWN. */
const apiKeysHaveAccessList: OrganisationCheck = ({ apiKeys, apiKeyAccessLists }) => {
  const keys = apiKeys.ok ? apiKeys.value : [];
  const reads: Loaded<unknown>[] = [apiKeys];
  for (const key of keys) {
    const read = apiKeyAccessLists[key.id];
    if (read) reads.push(read);
  }
  return judgeLoaded(reads, () => {
    const missing = keys
      .filter((key) => {
        const read = apiKeyAccessLists[key.id];
        return !read || (read.ok && read.value.length === 0);
      })
      .map((key) => ({ id: key.id, publicKey: key.publicKey, desc: key.desc ?? null }));
    return passUnlessOffenders(
      missing,
      `Every API key has an access list (${keys.length} checked).`,
      `API keys without an access list: ${missing.length}.`,
      { keysWithoutAccessList: missing },
    );
  });
};

/** Identity evaluators keyed by catalogue id. */
export const identityChecks: Record<string, OrganisationCheck> = {
  'identity.mfa-required': mfaRequired,
  'identity.api-access-list-required': requireSetting('apiAccessListRequired'),
  'identity.employee-access-restricted': requireSetting('restrictEmployeeAccess'),
  'identity.security-contact-set': securityContactSet,
  'identity.service-account-secret-lifetime': secretLifetimeCapped,
  'identity.no-expired-service-account-secrets': noExpiredSecrets,
  'identity.no-stale-members': noStaleMembers,
  'identity.no-stale-invitations': noStaleInvitations,
  'identity.org-owner-limit': orgOwnerLimit,
  'identity.no-org-owner-machine-credentials': noOwnerMachineCredentials,
  'identity.api-keys-have-access-list': apiKeysHaveAccessList,
};
