/**
 * Query 2 of the quarterly review: privileged Atlas access grouped by the holder's department
 * and manager. Privileged means Organization Owner, Project Owner (directly or through a team),
 * or a database user with one of `ADMIN_DATABASE_ROLES`.
 */
import { queryOrThrow } from './graphql-client.js';
import {
  ADMIN_DATABASE_ROLES,
  PRIVILEGED_ACCESS_QUERY,
  type PersonRecord,
} from './review-queries.js';

const PAGE_SIZE = 500;
const NO_RECORD = '(no employee record)';
const EMAIL_PATTERN = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]+/i;

interface Page<T> {
  pageInfo: { hasNextPage: boolean };
  nodes: T[];
}

interface UserNode {
  username: string;
  orgRoles: string[];
  projectRoles: { projectId: string; roles: string[] }[];
  teams: { id: string; name: string | null }[];
  employee: PersonRecord | null;
}

interface DatabaseUserNode {
  username: string;
  databaseName: string;
  authenticationKind: string;
  roles: { roleName: string; databaseName: string }[];
}

interface CustomRoleNode {
  roleName: string;
  inheritedRoles: { role: string; db: string }[];
}

interface ProjectNode {
  id: string;
  name: string;
  teams: { teamId: string; team: { name: string | null } | null; roles: string[] }[];
  /** Null when the credential could not read the project's custom roles. */
  customDatabaseRoles: CustomRoleNode[] | null;
  databaseUsers: Page<DatabaseUserNode>;
}

interface OrgNode {
  id: string;
  name: string;
  users: Page<UserNode>;
  projects: Page<ProjectNode>;
}

/** The response of `PRIVILEGED_ACCESS_QUERY`. */
export interface PrivilegedResponse {
  organisations: Page<OrgNode>;
  employees: PersonRecord[];
}

/** One privileged grant held by a person. */
export interface PrivilegedGrant {
  role: 'ORG_OWNER' | 'GROUP_OWNER' | string;
  /** `Org` for organisation roles, `Org / Project` for project and database roles. */
  scope: string;
  /** `direct`, `team <name>`, or `database user <name> (<auth kind>)`. */
  via: string;
}

/** A person, or an unattributed database user, with their privileged grants. */
export interface PrivilegedHolder {
  /** Email when known, otherwise the database username. */
  id: string;
  name: string | null;
  /** Directory employment status, or null without a directory record. */
  employmentStatus: string | null;
  grants: PrivilegedGrant[];
}

/** Holders under one department and manager. */
export interface PrivilegedGroup {
  department: string;
  manager: string;
  holders: PrivilegedHolder[];
}

interface Holder extends PrivilegedHolder {
  person: PersonRecord | null;
}

/** Collects holders keyed by lower-case email or by database user. */
class HolderIndex {
  readonly holders = new Map<string, Holder>();

  add(key: string, id: string, person: PersonRecord | null, grant: PrivilegedGrant): void {
    const holder = this.holders.get(key) ?? {
      id,
      name: person?.name ?? null,
      employmentStatus: person?.employmentStatus ?? null,
      person,
      grants: [],
    };
    holder.grants.push(grant);
    this.holders.set(key, holder);
  }
}

function checkPages(response: PrivilegedResponse): void {
  const pages: [Page<unknown>, string][] = [[response.organisations, 'organisations']];
  for (const org of response.organisations.nodes) {
    pages.push([org.users, `users of ${org.name}`], [org.projects, `projects of ${org.name}`]);
    for (const project of org.projects.nodes) {
      pages.push([project.databaseUsers, `database users of ${project.name}`]);
    }
  }
  const cut = pages.find(([page]) => page.pageInfo.hasNextPage);
  if (cut) {
    throw new Error(`More than ${PAGE_SIZE} ${cut[1]}. The review script reads one page per ` +
      'connection, so narrow the query per organisation or add cursor paging.');
  }
}

function addUserGrants(index: HolderIndex, org: OrgNode): void {
  const projectName = new Map(org.projects.nodes.map((project) => [project.id, project.name]));
  for (const user of org.users.nodes) {
    const key = user.username.toLowerCase();
    const grant = (role: string, scope: string, via: string) =>
      index.add(key, key, user.employee, { role, scope, via });
    if (user.orgRoles.includes('ORG_OWNER')) grant('ORG_OWNER', org.name, 'direct');
    for (const assignment of user.projectRoles) {
      if (!assignment.roles.includes('GROUP_OWNER')) continue;
      const name = projectName.get(assignment.projectId) ?? assignment.projectId;
      grant('GROUP_OWNER', `${org.name} / ${name}`, 'direct');
    }
    const teamIds = new Set(user.teams.map((team) => team.id));
    for (const project of org.projects.nodes) {
      for (const teamGrant of project.teams) {
        if (!teamIds.has(teamGrant.teamId) || !teamGrant.roles.includes('GROUP_OWNER')) continue;
        const teamName = teamGrant.team?.name ?? teamGrant.teamId;
        grant('GROUP_OWNER', `${org.name} / ${project.name}`, `team ${teamName}`);
      }
    }
  }
}

/**
 * Maps each custom role of a project to the admin-level built-in role it inherits, directly or
 * through other custom roles, so a custom role wrapping `dbAdminAnyDatabase` counts as admin.
 */
function adminRolesInherited(roles: readonly CustomRoleNode[]): Map<string, string> {
  const byName = new Map(roles.map((role) => [role.roleName, role]));
  const found = new Map<string, string>();
  const visit = (name: string, seen: Set<string>): string | undefined => {
    if (ADMIN_DATABASE_ROLES.includes(name)) return name;
    const role = byName.get(name);
    if (!role || seen.has(name)) return undefined;
    seen.add(name);
    for (const inherited of role.inheritedRoles) {
      const admin = visit(inherited.role, seen);
      if (admin) return admin;
    }
    return undefined;
  };
  for (const role of roles) {
    const admin = visit(role.roleName, new Set());
    if (admin) found.set(role.roleName, admin);
  }
  return found;
}

/** Names a database role as the review prints it, with the admin role a custom role inherits. */
function adminRoleLabel(role: { roleName: string; databaseName: string }, inherited: Map<string, string>) {
  const label = `${role.roleName}@${role.databaseName}`;
  const via = inherited.get(role.roleName);
  return via ? `${label} (inherits ${via})` : label;
}

function addDatabaseGrants(index: HolderIndex, org: OrgNode, people: Map<string, PersonRecord>) {
  for (const project of org.projects.nodes) {
    const inherited = adminRolesInherited(project.customDatabaseRoles ?? []);
    for (const dbUser of project.databaseUsers.nodes) {
      const admin = dbUser.roles.filter(
        (role) => ADMIN_DATABASE_ROLES.includes(role.roleName) || inherited.has(role.roleName),
      );
      if (admin.length === 0) continue;
      // OIDC and LDAP usernames often embed the login email, but SCRAM names usually do not.
      const email = EMAIL_PATTERN.exec(dbUser.username)?.[0].toLowerCase();
      const key = email ?? `db:${project.id}:${dbUser.databaseName}:${dbUser.username}`;
      const via = `database user ${dbUser.username} (${dbUser.authenticationKind})`;
      for (const role of admin) {
        index.add(key, email ?? dbUser.username, email ? (people.get(email) ?? null) : null, {
          role: adminRoleLabel(role, inherited),
          scope: `${org.name} / ${project.name}`,
          via,
        });
      }
    }
  }
}

/** Finds privileged holders and groups them by department, then manager. */
export function groupPrivilegedAccess(response: PrivilegedResponse): PrivilegedGroup[] {
  checkPages(response);
  const people = new Map(response.employees.map((person) => [person.email.toLowerCase(), person]));
  const index = new HolderIndex();
  for (const org of response.organisations.nodes) {
    addUserGrants(index, org);
    addDatabaseGrants(index, org, people);
  }
  const groups = new Map<string, PrivilegedGroup>();
  for (const holder of index.holders.values()) {
    const department = holder.person?.department ?? NO_RECORD;
    const manager = holder.person ? (holder.person.manager?.name ?? '(no manager)') : NO_RECORD;
    const key = `${department}\u0000${manager}`;
    const group = groups.get(key) ?? { department, manager, holders: [] };
    const { person: _person, ...visible } = holder;
    group.holders.push(visible);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, holders: group.holders.sort((a, b) => a.id.localeCompare(b.id)) }))
    .sort((a, b) => a.department.localeCompare(b.department) || a.manager.localeCompare(b.manager));
}

/** Runs query 2 against `gatewayUrl`. */
export async function runPrivilegedAccessReview(gatewayUrl: string): Promise<PrivilegedGroup[]> {
  const data = await queryOrThrow<PrivilegedResponse>(gatewayUrl, PRIVILEGED_ACCESS_QUERY, {
    first: PAGE_SIZE,
  });
  return groupPrivilegedAccess(data);
}
