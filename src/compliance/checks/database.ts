/**
 * Database-access checks over a project's database users and custom roles.
 */
import type { AtlasDatabaseUser, CustomDbRole } from '../../atlas/types.js';
import type { ComplianceConfig } from '../config.js';
import type { CheckEnvironment, ProjectSnapshot } from '../snapshot.js';
import type { Verdict } from '../types.js';
import { judgeLoaded, passUnlessOffenders } from './verdict.js';

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
  const set = (value: string | undefined) => value !== undefined && value !== 'NONE';
  if (set(user.x509Type)) return 'X509';
  if (set(user.ldapAuthType)) return 'LDAP';
  if (set(user.awsIAMType)) return 'AWS_IAM';
  if (set(user.oidcAuthType)) return 'OIDC';
  return 'SCRAM';
}

const noBroadAdminGrants: ProjectCheck = ({ databaseUsers }, { config }) =>
  judgeLoaded([databaseUsers], (users) => {
    const offenders = users
      .filter((user) => !allowListed(user, config))
      .map((user) => ({
        user: qualifiedName(user),
        roles: (user.roles ?? []).map((role) => role.roleName).filter(
          (name) => ANY_DATABASE_ADMIN_ROLES.has(name),
        ),
      }))
      .filter((entry) => entry.roles.length > 0);
    return passUnlessOffenders(
      offenders,
      `No database user outside the allow-list holds an any-database admin role.`,
      `Database users with an any-database admin role: ${offenders.length}.`,
      { allowList: config.privilegedDatabaseUserAllowList, offenders },
    );
  });

const usersScopedToClusters: ProjectCheck = ({ databaseUsers }) =>
  judgeLoaded([databaseUsers], (users) => {
    const unscoped = users.filter((user) => (user.scopes ?? []).length === 0).map(qualifiedName);
    return passUnlessOffenders(
      unscoped,
      `Every database user is limited to named clusters (${users.length} checked).`,
      `Database users that can reach every cluster in the project: ${unscoped.length}.`,
      { unscopedUsers: unscoped },
    );
  });

const noExpiredTemporaryUsers: ProjectCheck = ({ databaseUsers }, { now }) =>
  judgeLoaded([databaseUsers], (users) => {
    const expired = users
      .filter(
        (user) => user.deleteAfterDate !== undefined && Date.parse(user.deleteAfterDate) <= now,
      )
      .map((user) => ({ user: qualifiedName(user), deleteAfterDate: user.deleteAfterDate }));
    return passUnlessOffenders(
      expired,
      'No temporary database user is past its delete-after date.',
      `Temporary database users past their delete-after date: ${expired.length}.`,
      { expiredUsers: expired },
    );
  });

const externalAuthentication: ProjectCheck = ({ databaseUsers }) =>
  judgeLoaded([databaseUsers], (users) => {
    const scram = users.filter((user) => authenticationKind(user) === 'SCRAM').map(qualifiedName);
    return passUnlessOffenders(
      scram,
      `Every database user authenticates through an external identity (${users.length} checked).`,
      `Database users that authenticate with a password (SCRAM): ${scram.length}.`,
      { scramUsers: scram },
    );
  });

/** Lists why a custom role is dangerous, following inherited custom roles once each. */
function dangerousGrants(
  role: CustomDbRole,
  byName: Map<string, CustomDbRole>,
  seen = new Set<string>(),
): string[] {
  if (seen.has(role.roleName)) return [];
  seen.add(role.roleName);
  const actions = (role.actions ?? [])
    .map((entry) => entry.action)
    .filter((action) => DANGEROUS_ACTIONS.has(action))
    .map((action) => `action ${action}`);
  const inherited = (role.inheritedRoles ?? []).flatMap((parent) => {
    if (ANY_DATABASE_ADMIN_ROLES.has(parent.role)) return [`inherits ${parent.role}`];
    const custom = byName.get(parent.role);
    return custom ? dangerousGrants(custom, byName, seen).map(
      (why) => `${why} via ${parent.role}`,
    ) : [];
  });
  return [...actions, ...inherited];
}

const customRolesLeastPrivilege: ProjectCheck = ({ customRoles }) =>
  judgeLoaded([customRoles], (roles) => {
    const byName = new Map(roles.map((role) => [role.roleName, role]));
    const offenders = roles
      .map((role) => ({ roleName: role.roleName, grants: dangerousGrants(role, byName) }))
      .filter((entry) => entry.grants.length > 0);
    return passUnlessOffenders(
      offenders,
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
