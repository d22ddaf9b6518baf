/**
 * The three quarterly access-review queries, run through the gateway, with the client-side
 * filtering and grouping the first two need. Pure functions turn the responses into rows so
 * the tests and the CLI print the same thing.
 */
import { queryOrThrow } from './graphql-client.js';

/** Largest page the review reads, because the subgraph rejects larger `first` values. */
const PAGE_SIZE = 500;

/**
 * Database roles that administer a whole deployment, so their holders count as privileged,
 * as do holders of a custom role that inherits one (see review-privileged.ts).
 */
export const ADMIN_DATABASE_ROLES: readonly string[] = [
  'atlasAdmin',
  'root',
  'clusterAdmin',
  'dbAdminAnyDatabase',
  'userAdminAnyDatabase',
];

/** Lists every organisation user with their roles and directory record. */
export const ORPHANED_ACCESS_QUERY = /* GraphQL */ `
  query OrphanedAccess($first: Int!) {
    organisations(first: $first) {
      pageInfo { hasNextPage }
      nodes {
        id
        name
        users(first: $first) {
          pageInfo { hasNextPage }
          nodes {
            username
            membershipStatus
            orgRoles
            projectRoles { projectId project { name } roles }
            teams { id name }
            employee { email name employmentStatus endDate }
          }
        }
      }
    }
  }
`;

/** Lists privileged grants (org, project, team, database) with the people behind them. */
export const PRIVILEGED_ACCESS_QUERY = /* GraphQL */ `
  query PrivilegedAccess($first: Int!) {
    organisations(first: $first) {
      pageInfo { hasNextPage }
      nodes {
        id
        name
        users(first: $first) {
          pageInfo { hasNextPage }
          nodes {
            username
            orgRoles
            projectRoles { projectId roles }
            teams { id name }
            employee { ...Person }
          }
        }
        projects(first: $first) {
          pageInfo { hasNextPage }
          nodes {
            id
            name
            teams { teamId team { name } roles }
            customDatabaseRoles { roleName inheritedRoles { role db } }
            databaseUsers(first: $first) {
              pageInfo { hasNextPage }
              nodes { username databaseName authenticationKind roles { roleName databaseName } }
            }
          }
        }
      }
    }
    employees { ...Person }
  }
  fragment Person on Employee {
    email
    name
    department
    employmentStatus
    manager { email name }
  }
`;

/** One employee's whole Atlas footprint, starting from the directory. */
export const EMPLOYEE_FOOTPRINT_QUERY = /* GraphQL */ `
  query EmployeeFootprint($email: String!) {
    employee(email: $email) {
      email
      name
      department
      employmentStatus
      manager { name }
      atlasAccess {
        organisations { orgName membershipStatus orgRoles lastAuth }
        projects { projectName roles grants { source teamName roles } }
        teams { orgId teamName }
      }
    }
  }
`;

interface Page<T> {
  pageInfo: { hasNextPage: boolean };
  nodes: T[];
}

/** A directory record as the review queries select it. */
export interface PersonRecord {
  email: string;
  name: string;
  department: string;
  employmentStatus: string;
  manager: { email: string; name: string } | null;
}

interface OrphanUserNode {
  username: string;
  membershipStatus: string;
  orgRoles: string[];
  projectRoles: { projectId: string; project: { name: string } | null; roles: string[] }[];
  teams: { id: string; name: string | null }[];
  employee: {
    email: string;
    name: string;
    employmentStatus: string;
    endDate: string | null;
  } | null;
}

interface OrphanResponse {
  organisations: Page<{ id: string; name: string; users: Page<OrphanUserNode> }>;
}

/** An Atlas user with no ACTIVE employee behind the login. */
export interface OrphanedAccessRow {
  username: string;
  organisation: string;
  membershipStatus: string;
  /** `no employee record`, or the directory status with the end date, e.g. `LEAVER since …`. */
  reason: string;
  orgRoles: string[];
  projectRoles: { project: string; roles: string[] }[];
  teams: string[];
}

/** Throws when any connection has more than one page, rather than reviewing half an estate. */
function assertSinglePage(page: Page<unknown>, what: string): void {
  if (page.pageInfo.hasNextPage) {
    throw new Error(`More than ${PAGE_SIZE} ${what}. The review script reads one page per ` +
      'connection, so narrow the query per organisation or add cursor paging.');
  }
}

/** Keeps the organisation users whose login has no ACTIVE employee in the directory. */
export function findOrphanedAccess(response: OrphanResponse): OrphanedAccessRow[] {
  assertSinglePage(response.organisations, 'organisations');
  const rows: OrphanedAccessRow[] = [];
  for (const org of response.organisations.nodes) {
    assertSinglePage(org.users, `users in organisation ${org.name}`);
    for (const user of org.users.nodes) {
      if (user.employee?.employmentStatus === 'ACTIVE') continue;
      rows.push({
        username: user.username,
        organisation: org.name,
        membershipStatus: user.membershipStatus,
        reason: orphanReason(user.employee),
        orgRoles: user.orgRoles,
        projectRoles: user.projectRoles.map((grant) => ({
          project: grant.project?.name ?? grant.projectId,
          roles: grant.roles,
        })),
        teams: user.teams.map((team) => team.name ?? team.id),
      });
    }
  }
  return rows.sort((a, b) => a.username.localeCompare(b.username));
}

function orphanReason(employee: OrphanUserNode['employee']): string {
  if (!employee) return 'no employee record';
  const since = employee.endDate ? ` since ${employee.endDate}` : '';
  return `${employee.employmentStatus}${since}`;
}

/** Runs query 1 against `gatewayUrl`. */
export async function runOrphanedAccessReview(gatewayUrl: string): Promise<OrphanedAccessRow[]> {
  const data = await queryOrThrow<OrphanResponse>(gatewayUrl, ORPHANED_ACCESS_QUERY, {
    first: PAGE_SIZE,
  });
  return findOrphanedAccess(data);
}
