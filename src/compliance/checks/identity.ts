/**
 * Identity checks over organisation settings, members, API keys and service accounts.
 * Each is a pure function of an `OrganisationSnapshot`.
 */
import type { OrgUser } from '../../atlas/types.js';
import type { CheckEnvironment, OrganisationSnapshot } from '../snapshot.js';
import type { Loaded, Verdict } from '../types.js';
import {
  daysBetween,
  itemLabel,
  jsonTypeOf,
  judgeItems,
  judgeLoaded,
  parseTime,
  readField,
  unusable,
  type UnjudgedItem,
} from './verdict.js';

type OrganisationCheck = (snapshot: OrganisationSnapshot, env: CheckEnvironment) => Verdict;

/** Judges one boolean organisation setting that must be true. */
function requireSetting(
  field: 'multiFactorAuthRequired' | 'apiAccessListRequired' | 'restrictEmployeeAccess',
): OrganisationCheck {
  return ({ settings }) =>
    judgeLoaded([settings], (value) => {
      const setting = readField<boolean>(value[field], field, 'boolean', settings.source);
      if (!setting.ok) return setting.judgement;
      const enabled = setting.value;
      return {
        status: enabled ? 'PASS' : 'FAIL',
        detail: `${field} is ${enabled}.`,
        values: { [field]: enabled },
      };
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

// The spec marks securityContact optional, so a settings reply without it means no contact is
// set: the read itself succeeded, and only a non-string value is a shape Atlas never sends.
const securityContactSet: OrganisationCheck = ({ settings }) =>
  judgeLoaded([settings], (value) => {
    const raw = value.securityContact ?? '';
    const contact = readField<string>(raw, 'securityContact', 'string', settings.source);
    if (!contact.ok) return contact.judgement;
    const values = { securityContact: value.securityContact ?? null };
    if (contact.value.trim().length > 0) {
      return { status: 'PASS', detail: 'A security contact is set.', values };
    }
    return { status: 'FAIL', detail: 'No security contact is set.', values };
  });

const secretLifetimeCapped: OrganisationCheck = ({ settings }, { config }) =>
  judgeLoaded([settings], (value) => {
    const field = 'maxServiceAccountSecretValidityInHours';
    const read = readField<number>(value[field], field, 'number', settings.source);
    if (!read.ok) return read.judgement;
    const hours = read.value;
    const limit = config.maxServiceAccountSecretHours;
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
    const expired: Record<string, unknown>[] = [];
    const unjudged: UnjudgedItem[] = [];
    accounts.forEach((account, index) => {
      const item = itemLabel(account.clientId, index);
      const secrets: unknown = account.secrets;
      if (!Array.isArray(secrets)) {
        unjudged.push({ item, field: 'secrets', found: jsonTypeOf(secrets) });
        return;
      }
      for (const secret of secrets as Partial<Record<string, unknown>>[]) {
        const expiresAt = parseTime(secret?.expiresAt);
        if (expiresAt === undefined) {
          const found = jsonTypeOf(secret?.expiresAt);
          unjudged.push({ item, field: 'secrets[].expiresAt', found });
        } else if (expiresAt <= now) {
          expired.push({
            clientId: account.clientId,
            name: account.name ?? null,
            secretId: secret.id ?? null,
            expiresAt: secret.expiresAt,
          });
        }
      }
    });
    const list = { source: serviceAccounts.source, total: accounts.length, unjudged };
    return judgeItems(
      expired,
      [list],
      `No service account keeps an expired secret (${accounts.length} checked).`,
      `Expired service-account secrets still present: ${expired.length}.`,
      { expiredSecrets: expired },
    );
  });

/**
 * Returns the membership status of a user, or records the user as unjudged when Atlas
 * returned no status, because the user could then be active or pending.
 */
function membershipStatus(
  user: OrgUser,
  item: string,
  unjudged: UnjudgedItem[],
): string | undefined {
  const problem = unusable(item, 'orgMembershipStatus', user.orgMembershipStatus, 'string');
  if (problem) unjudged.push(problem);
  return problem ? undefined : user.orgMembershipStatus;
}

const noStaleMembers: OrganisationCheck = ({ users }, { config, now }) =>
  judgeLoaded([users], (list) => {
    const stale: Record<string, unknown>[] = [];
    const unjudged: UnjudgedItem[] = [];
    let active = 0;
    list.forEach((user, index) => {
      const item = itemLabel(user.username, index);
      if (membershipStatus(user, item, unjudged) !== 'ACTIVE') return;
      active += 1;
      // A member who never logged in is judged by the date the account was created.
      const last = user.lastAuth ?? user.createdAt;
      const time = parseTime(last);
      if (time === undefined) {
        unjudged.push({ item, field: 'lastAuth or createdAt', found: jsonTypeOf(last) });
      } else if (daysBetween(time, now) > config.staleLoginDays) {
        stale.push({
          username: user.username,
          lastAuth: user.lastAuth ?? null,
          createdAt: user.createdAt ?? null,
        });
      }
    });
    return judgeItems(
      stale,
      [{ source: users.source, total: list.length, unjudged }],
      `Every active member logged in within ${config.staleLoginDays} days ` +
        `(${active} checked).`,
      `Active members without a login for over ${config.staleLoginDays} days: ${stale.length}.`,
      { staleLoginDays: config.staleLoginDays, staleMembers: stale },
    );
  });

const noStaleInvitations: OrganisationCheck = ({ users }, { config, now }) =>
  judgeLoaded([users], (list) => {
    const limit = config.pendingInvitationDays;
    const stale: Record<string, unknown>[] = [];
    const unjudged: UnjudgedItem[] = [];
    list.forEach((user, index) => {
      const item = itemLabel(user.username, index);
      if (membershipStatus(user, item, unjudged) !== 'PENDING') return;
      const created = parseTime(user.invitationCreatedAt);
      if (created === undefined) {
        const found = jsonTypeOf(user.invitationCreatedAt);
        unjudged.push({ item, field: 'invitationCreatedAt', found });
      } else if (daysBetween(created, now) > limit) {
        stale.push({ username: user.username, invitationCreatedAt: user.invitationCreatedAt });
      }
    });
    return judgeItems(
      stale,
      [{ source: users.source, total: list.length, unjudged }],
      `No invitation has been pending for over ${limit} days.`,
      `Invitations pending for over ${limit} days: ${stale.length}.`,
      { pendingInvitationDays: limit, staleInvitations: stale },
    );
  });

const orgOwnerLimit: OrganisationCheck = ({ users }, { config }) =>
  judgeLoaded([users], (list) => {
    const owners: string[] = [];
    const unjudged: UnjudgedItem[] = [];
    list.forEach((user, index) => {
      const item = itemLabel(user.username, index);
      if (membershipStatus(user, item, unjudged) !== 'ACTIVE') return;
      const orgRoles: unknown = user.roles?.orgRoles;
      const problem = unusable(item, 'roles.orgRoles', orgRoles, 'array');
      if (problem) {
        unjudged.push(problem);
      } else if ((orgRoles as unknown[]).includes('ORG_OWNER')) {
        owners.push(item);
      }
    });
    // Owners above the limit are the offenders, so the verdict is FAIL only over the limit.
    const offenders = owners.length > config.maxOrgOwners ? owners : [];
    return judgeItems(
      offenders,
      [{ source: users.source, total: list.length, unjudged }],
      `Members holding ORG_OWNER: ${owners.length}.`,
      `Members holding ORG_OWNER: ${owners.length}, over the limit of ${config.maxOrgOwners}.`,
      { maxOrgOwners: config.maxOrgOwners, owners },
    );
  });

/** True when a list of API key roles, as Atlas returned it, grants ORG_OWNER. */
function grantsOrgOwner(roles: unknown[]): boolean {
  return roles.some((role) => (role as { roleName?: unknown } | null)?.roleName === 'ORG_OWNER');
}

const noOwnerMachineCredentials: OrganisationCheck = ({ apiKeys, serviceAccounts }) =>
  judgeLoaded([apiKeys, serviceAccounts], (keys, accounts) => {
    const offenders: Record<string, unknown>[] = [];
    const keysUnjudged: UnjudgedItem[] = [];
    keys.forEach((key, index) => {
      const roles: unknown = key.roles;
      const problem = unusable(itemLabel(key.publicKey, index), 'roles', roles, 'array');
      if (problem) {
        keysUnjudged.push(problem);
      } else if (grantsOrgOwner(roles as unknown[])) {
        offenders.push({ kind: 'API_KEY', id: key.id, publicKey: key.publicKey });
      }
    });
    const accountsUnjudged: UnjudgedItem[] = [];
    accounts.forEach((account, index) => {
      const roles: unknown = account.roles;
      const problem = unusable(itemLabel(account.clientId, index), 'roles', roles, 'array');
      if (problem) {
        accountsUnjudged.push(problem);
      } else if ((roles as unknown[]).includes('ORG_OWNER')) {
        const name = account.name ?? null;
        offenders.push({ kind: 'SERVICE_ACCOUNT', id: account.clientId, name });
      }
    });
    return judgeItems(
      offenders,
      [
        { source: apiKeys.source, total: keys.length, unjudged: keysUnjudged },
        { source: serviceAccounts.source, total: accounts.length, unjudged: accountsUnjudged },
      ],
      `No API key or service account holds ORG_OWNER (${keys.length + accounts.length} checked).`,
      `API keys and service accounts holding ORG_OWNER: ${offenders.length}.`,
      { orgOwnerCredentials: offenders },
    );
  });

/**
 * Requires a non-empty access list per key; one failed access-list read makes it UNKNOWN. A key
 * without an id has no access list to read, so it is unjudged.
 */
const apiKeysHaveAccessList: OrganisationCheck = ({ apiKeys, apiKeyAccessLists }) => {
  const keys = apiKeys.ok ? apiKeys.value : [];
  const reads: Loaded<unknown>[] = [apiKeys];
  for (const key of keys) {
    const read = typeof key.id === 'string' ? apiKeyAccessLists[key.id] : undefined;
    if (read) reads.push(read);
  }
  return judgeLoaded(reads, () => {
    const missing: Record<string, unknown>[] = [];
    const unjudged: UnjudgedItem[] = [];
    keys.forEach((key, index) => {
      const item = itemLabel(key.publicKey, index);
      if (typeof key.id !== 'string') {
        unjudged.push({ item, field: 'id', found: jsonTypeOf(key.id) });
        return;
      }
      const read = apiKeyAccessLists[key.id];
      if (!read) {
        unjudged.push({ item, field: 'accessList', found: 'absent' });
      } else if (read.ok && read.value.length === 0) {
        missing.push({ id: key.id, publicKey: key.publicKey, desc: key.desc ?? null });
      }
    });
    return judgeItems(
      missing,
      [{ source: apiKeys.source, total: keys.length, unjudged }],
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
