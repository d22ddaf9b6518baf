/**
 * Database-access checks over a project's database users and custom roles.
 */
import type { AtlasDatabaseUser, CustomDbRole } from '../../atlas/types.js';
import type { ComplianceConfig } from '../config.js';
import type { CheckEnvironment, ProjectSnapshot } from '../snapshot.js';
import type { Verdict } from '../types.js';
import {
  isPastDeleteAfter,
  itemLabel,
  jsonTypeOf,
  judgeItems,
  judgeLoaded,
  type UnjudgedItem,
} from './verdict.js';

type ProjectCheck = (snapshot: ProjectSnapshot, env: CheckEnvironment) => Verdict;

/** Built-in roles that reach every database or administer the whole cluster. */
export const ANY_DATABASE_ADMIN_ROLES: ReadonlySet<string> = new Set([
  'atlasAdmin',
  'root',
  'readWriteAnyDatabase',
  'dbAdminAnyDatabase',
  'userAdminAnyDatabase',
  'clusterAdmin',
  'clusterManager',
  'enableSharding',
  'restore',
]);

/**
 * Custom-role actions that destroy data, bypass write controls, end other users' sessions or
 * copy data out of Atlas. Atlas action names, as the custom roles endpoint returns them.
 */
export const DANGEROUS_ACTIONS: ReadonlySet<string> = new Set([
  'DROP_DATABASE',
  'KILL_ANY_SESSION',
  'KILL_OP',
  'BYPASS_DOCUMENT_VALIDATION',
  'BYPASS_USER_WRITE_BLOCK',
  'SET_USER_WRITE_BLOCK',
  'OUT_TO_S3',
  'OUT_TO_AZURE',
  'OUT_TO_GCS',
  'STORAGE_SET_CONFIG',
]);

/** Names a user the way the allow-list does: `databaseName:username`. */
function qualifiedName(user: AtlasDatabaseUser): string {
  return `${user.databaseName}:${user.username}`;
}

function allowListed(user: AtlasDatabaseUser, config: ComplianceConfig): boolean {
  const list = config.privilegedDatabaseUserAllowList;
  return list.includes(user.username) || list.includes(qualifiedName(user));
}

/** Returns the authentication kind Atlas implies: SCRAM unless an external type is set. */
export function authenticationKind(
  user: AtlasDatabaseUser,
): 'SCRAM' | 'X509' | 'LDAP' | 'AWS_IAM' | 'OIDC' {
  const set = (value: unknown) => typeof value === 'string' && value !== 'NONE';
  if (set(user.x509Type)) return 'X509';
  if (set(user.ldapAuthType)) return 'LDAP';
  if (set(user.awsIAMType)) return 'AWS_IAM';
  if (set(user.oidcAuthType)) return 'OIDC';
  return 'SCRAM';
}

/** Fields that name a database user's external authentication, NONE for SCRAM users. */
const AUTHENTICATION_FIELDS = ['x509Type', 'ldapAuthType', 'awsIAMType', 'oidcAuthType'] as const;

/** Outcome of judging one user: an offender, the reason it cannot be judged, or neither. */
type UserOutcome<T> = { offender: T } | { unjudged: UnjudgedItem } | undefined;

/** Builds the outcome of a user whose `field` is `value`, absent or of the wrong JSON type. */
function unjudgedBy(item: string, field: string, value: unknown): { unjudged: UnjudgedItem } {
  return { unjudged: { item, field, found: jsonTypeOf(value) } };
}

/** Judges each database user with `judge` and collects offenders and unjudged users. */
function judgeUsers<T>(
  users: AtlasDatabaseUser[],
  judge: (user: AtlasDatabaseUser, item: string) => UserOutcome<T>,
) {
  const offenders: T[] = [];
  const unjudged: UnjudgedItem[] = [];
  for (const user of users) {
    const outcome = judge(user, qualifiedName(user));
    if (outcome && 'unjudged' in outcome) unjudged.push(outcome.unjudged);
    else if (outcome) offenders.push(outcome.offender);
  }
  return { offenders, unjudged };
}

const noBroadAdminGrants: ProjectCheck = ({ databaseUsers }, { config }) =>
  judgeLoaded([databaseUsers], (users) => {
    const { offenders, unjudged } = judgeUsers(users, (user, item) => {
      if (allowListed(user, config)) return undefined;
      const roles: unknown = user.roles;
      if (!Array.isArray(roles)) return unjudgedBy(item, 'roles', roles);
      const admin = (roles as ({ roleName?: unknown } | null)[])
        .map((role) => role?.roleName)
        .filter((name): name is string => typeof name === 'string')
        .filter((name) => ANY_DATABASE_ADMIN_ROLES.has(name));
      return admin.length > 0 ? { offender: { user: item, roles: admin } } : undefined;
    });
    return judgeItems(
      offenders,
      [{ source: databaseUsers.source, total: users.length, unjudged }],
      `No database user outside the allow-list holds an any-database admin role.`,
      `Database users with an any-database admin role: ${offenders.length}.`,
      { allowList: config.privilegedDatabaseUserAllowList, offenders },
    );
  });

const usersScopedToClusters: ProjectCheck = ({ databaseUsers }) =>
  judgeLoaded([databaseUsers], (users) => {
    // An empty scopes array is how Atlas marks a user that can reach every cluster.
    const { offenders, unjudged } = judgeUsers(users, (user, item) => {
      const scopes: unknown = user.scopes;
      if (!Array.isArray(scopes)) return unjudgedBy(item, 'scopes', scopes);
      return scopes.length === 0 ? { offender: item } : undefined;
    });
    return judgeItems(
      offenders,
      [{ source: databaseUsers.source, total: users.length, unjudged }],
      `Every database user is limited to named clusters (${users.length} checked).`,
      `Database users that can reach every cluster in the project: ${offenders.length}.`,
      { unscopedUsers: offenders },
    );
  });

const noExpiredTemporaryUsers: ProjectCheck = ({ databaseUsers }, { now }) =>
  judgeLoaded([databaseUsers], (users) => {
    const { offenders, unjudged } = judgeUsers(users, (user, item) => {
      const past = isPastDeleteAfter(user.deleteAfterDate, item, now);
      if (typeof past === 'object') return { unjudged: past };
      return past ? { offender: { user: item, deleteAfterDate: user.deleteAfterDate } } : undefined;
    });
    return judgeItems(
      offenders,
      [{ source: databaseUsers.source, total: users.length, unjudged }],
      'No temporary database user is past its delete-after date.',
      `Temporary database users past their delete-after date: ${offenders.length}.`,
      { expiredUsers: offenders },
    );
  });

/** SCRAM is judged only when Atlas returned all four authentication fields as NONE. */
const externalAuthentication: ProjectCheck = ({ databaseUsers }) =>
  judgeLoaded([databaseUsers], (users) => {
    const { offenders, unjudged } = judgeUsers(users, (user, item) => {
      if (authenticationKind(user) !== 'SCRAM') return undefined;
      const missing = AUTHENTICATION_FIELDS.filter((field) => typeof user[field] !== 'string');
      if (missing.length > 0) return unjudgedBy(item, missing.join(', '), user[missing[0]]);
      return { offender: item };
    });
    return judgeItems(
      offenders,
      [{ source: databaseUsers.source, total: users.length, unjudged }],
      `Every database user authenticates through an external identity (${users.length} checked).`,
      `Database users that authenticate with a password (SCRAM): ${offenders.length}.`,
      { scramUsers: offenders },
    );
  });

/** Dangerous grants of a custom role, and the fields that could hide more grants. */
interface RoleGrants {
  grants: string[];
  /** Fields that were not arrays, for example `inheritedRoles` or `actions via reporting`. */
  missing: { field: string; found: string }[];
}

/** Lists why a custom role is dangerous, following inherited custom roles once each. */
function dangerousGrants(
  role: CustomDbRole,
  byName: Map<string, CustomDbRole>,
  seen = new Set<string>(),
): RoleGrants {
  if (seen.has(role.roleName)) return { grants: [], missing: [] };
  seen.add(role.roleName);
  const actions: unknown = role.actions;
  const parents: unknown = role.inheritedRoles;
  const missing: RoleGrants['missing'] = [];
  if (!Array.isArray(actions)) missing.push({ field: 'actions', found: jsonTypeOf(actions) });
  if (!Array.isArray(parents)) {
    missing.push({ field: 'inheritedRoles', found: jsonTypeOf(parents) });
  }
  const grants = (Array.isArray(actions) ? (actions as ({ action?: unknown } | null)[]) : [])
    .map((entry) => entry?.action)
    .filter((action): action is string => typeof action === 'string')
    .filter((action) => DANGEROUS_ACTIONS.has(action))
    .map((action) => `action ${action}`);
  const parentRoles = Array.isArray(parents) ? (parents as ({ role?: unknown } | null)[]) : [];
  for (const parent of parentRoles) {
    const name = parent?.role;
    if (typeof name !== 'string') continue;
    if (ANY_DATABASE_ADMIN_ROLES.has(name)) {
      grants.push(`inherits ${name}`);
      continue;
    }
    const custom = byName.get(name);
    if (!custom) continue;
    const inherited = dangerousGrants(custom, byName, seen);
    grants.push(...inherited.grants.map((why) => `${why} via ${name}`));
    for (const entry of inherited.missing) {
      missing.push({ field: `${entry.field} via ${name}`, found: entry.found });
    }
  }
  return { grants, missing };
}

const customRolesLeastPrivilege: ProjectCheck = ({ customRoles }) =>
  judgeLoaded([customRoles], (roles) => {
    const byName = new Map(roles.map((role) => [role.roleName, role]));
    const offenders: { roleName: string; grants: string[] }[] = [];
    const unjudged: UnjudgedItem[] = [];
    roles.forEach((role, index) => {
      const { grants, missing } = dangerousGrants(role, byName);
      const item = itemLabel(role.roleName, index);
      if (grants.length > 0) {
        offenders.push({ roleName: role.roleName, grants });
      } else if (missing.length > 0) {
        const field = missing.map((entry) => entry.field).join(', ');
        // With several fields missing, `found` reports the first one's JSON type.
        unjudged.push({ item, field, found: missing[0].found });
      }
    });
    return judgeItems(
      offenders,
      [{ source: customRoles.source, total: roles.length, unjudged }],
      `No custom role grants a dangerous action or admin role (${roles.length} checked).`,
      `Custom roles that grant dangerous actions or admin roles: ${offenders.length}.`,
      { offenders },
    );
  });

/** Database-access evaluators keyed by catalogue id. */
export const databaseChecks: Record<string, ProjectCheck> = {
  'database.no-broad-admin-grants': noBroadAdminGrants,
  'database.users-scoped-to-clusters': usersScopedToClusters,
  'database.no-expired-temporary-users': noExpiredTemporaryUsers,
  'database.external-authentication': externalAuthentication,
  'database.custom-roles-least-privilege': customRolesLeastPrivilege,
};
