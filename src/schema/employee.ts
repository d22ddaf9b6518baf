/**
 * Resolvers for schema/employee.graphql: the Atlas footprint of a person that another subgraph
 * (the company directory) identifies by email.
 *
 * Atlas has no cross-organisation user search, so every `Employee` reference in one operation
 * is matched against one index built from each visible organisation's user list. A gateway
 * `_entities` call for any number of employees therefore costs one organisations list plus one
 * user list per organisation, however many representations it carries.
 */
import type { AtlasOrganization, AtlasProject } from '../atlas/types.js';
import type { OrgUserModel, TeamModel } from '../loaders/models.js';
import type { GraphQLContext } from './context.js';
import { allOrganisationUsers, normaliseEmail } from './resolvers/organisation-user.js';
import { chargeNodes } from './connection.js';

/** Membership statuses that grant access now or on acceptance. Expired invitations do not. */
const GRANTING_STATUSES = new Set(['ACTIVE', 'PENDING']);

/** One organisation membership of a person. */
export interface MembershipModel {
  org: AtlasOrganization;
  user: OrgUserModel;
}

/** An `Employee` as this subgraph resolves it, and the parent of `AtlasAccess`. */
export interface EmployeeModel {
  /** The key as the gateway sent it. */
  email: string;
  memberships: MembershipModel[];
}

/** One grant of project roles. */
export interface ProjectGrantModel {
  source: 'DIRECT' | 'TEAM';
  orgId: string;
  teamId: string | null;
  teamName: string | null;
  roles: string[];
}

/** A reachable project with every grant that reaches it. */
export interface ProjectAccessModel {
  projectId: string;
  orgId: string;
  project: AtlasProject | null;
  grants: ProjectGrantModel[];
}

/** A team membership, with the name when the organisation's team list has it. */
export interface TeamMembershipModel {
  orgId: string;
  teamId: string;
  teamName: string | null;
}

type MembershipIndex = Map<string, MembershipModel[]>;

/** One index per operation, keyed by the request-scoped loaders object. */
const indexes = new WeakMap<object, Promise<MembershipIndex>>();

/** Returns the operation's email → memberships index, building it on first use. */
function membershipIndex(ctx: GraphQLContext): Promise<MembershipIndex> {
  let index = indexes.get(ctx.loaders);
  if (!index) {
    index = buildMembershipIndex(ctx);
    indexes.set(ctx.loaders, index);
  }
  return index;
}

async function buildMembershipIndex(ctx: GraphQLContext): Promise<MembershipIndex> {
  const [orgs, users] = await Promise.all([ctx.loaders.organisations(), allOrganisationUsers(ctx)]);
  const orgById = new Map(orgs.map((org) => [org.id, org]));
  const index: MembershipIndex = new Map();
  for (const user of users) {
    const org = orgById.get(user.orgId);
    if (!org || !GRANTING_STATUSES.has(user.orgMembershipStatus)) continue;
    const email = normaliseEmail(user.username);
    const list = index.get(email) ?? [];
    list.push({ org, user });
    index.set(email, list);
  }
  return index;
}

/** Resolves `Employee` references. An email unknown to Atlas gets no memberships. */
async function resolveEmployee(
  ref: { email: string },
  ctx: GraphQLContext,
): Promise<EmployeeModel> {
  const index = await membershipIndex(ctx);
  return { email: ref.email, memberships: index.get(normaliseEmail(ref.email)) ?? [] };
}

/** Lists the teams of every membership, ordered by organisation, then team name. */
async function teamMemberships(
  employee: EmployeeModel,
  ctx: GraphQLContext,
): Promise<TeamMembershipModel[]> {
  const perOrg = await Promise.all(
    employee.memberships.map(async ({ org, user }) => {
      const ids = user.teamIds ?? [];
      if (ids.length === 0) return [];
      const names = new Map((await ctx.loaders.teamsByOrg.load(org.id)).map((t) => [t.id, t.name]));
      return ids
        .map((teamId) => ({ orgId: org.id, teamId, teamName: names.get(teamId) ?? null }))
        .sort((a, b) => compareNames(a.teamName, b.teamName, a.teamId, b.teamId));
    }),
  );
  return perOrg.flat();
}

/** Collects direct and team grants per project, ordered by organisation, then project name. */
async function projectAccess(
  employee: EmployeeModel,
  ctx: GraphQLContext,
): Promise<ProjectAccessModel[]> {
  const teams = await teamMemberships(employee, ctx);
  const perOrg = await Promise.all(
    employee.memberships.map((membership) =>
      projectAccessInOrg(membership, teams.filter((t) => t.orgId === membership.org.id), ctx),
    ),
  );
  return perOrg.flat();
}

async function projectAccessInOrg(
  { org, user }: MembershipModel,
  teams: TeamMembershipModel[],
  ctx: GraphQLContext,
): Promise<ProjectAccessModel[]> {
  const direct = user.roles?.groupRoleAssignments ?? [];
  if (direct.length === 0 && teams.length === 0) return [];
  const projects = await ctx.loaders.projectsByOrg.load(org.id);
  const byProject = new Map<string, ProjectGrantModel[]>();
  const add = (projectId: string, grant: ProjectGrantModel) =>
    byProject.set(projectId, [...(byProject.get(projectId) ?? []), grant]);

  for (const assignment of direct) {
    const roles = [...(assignment.groupRoles ?? [])].sort();
    const grant: ProjectGrantModel = {
      source: 'DIRECT',
      orgId: org.id,
      teamId: null,
      teamName: null,
      roles,
    };
    add(assignment.groupId, grant);
  }
  // Team grants are stored on the project, so each project of the organisation is read once.
  if (teams.length > 0) {
    const teamRoles = await Promise.all(projects.map((p) => ctx.loaders.projectTeams.load(p.id)));
    projects.forEach((project, i) => {
      for (const team of teams) {
        const granted = teamRoles[i].find((role) => role.teamId === team.teamId);
        if (!granted) continue;
        const roles = [...granted.roleNames].sort();
        const { teamId, teamName } = team;
        add(project.id, { source: 'TEAM', orgId: org.id, teamId, teamName, roles });
      }
    });
  }
  return toProjectAccess(org.id, projects, byProject);
}

function toProjectAccess(
  orgId: string,
  projects: AtlasProject[],
  byProject: Map<string, ProjectGrantModel[]>,
): ProjectAccessModel[] {
  const projectById = new Map(projects.map((project) => [project.id, project]));
  return [...byProject.entries()]
    .map(([projectId, grants]) => ({
      projectId,
      orgId,
      project: projectById.get(projectId) ?? null,
      grants: grants.sort((a, b) => grantOrder(a) - grantOrder(b) ||
        compareNames(a.teamName, b.teamName, a.teamId ?? '', b.teamId ?? '')),
    }))
    .sort((a, b) =>
      compareNames(a.project?.name ?? null, b.project?.name ?? null, a.projectId, b.projectId),
    );
}

function grantOrder(grant: ProjectGrantModel): number {
  return grant.source === 'DIRECT' ? 0 : 1;
}

/** Orders by name (missing names last), then by id so the order is stable. */
function compareNames(a: string | null, b: string | null, idA: string, idB: string): number {
  if (a !== b) {
    if (a === null) return 1;
    if (b === null) return -1;
    const byName = a.localeCompare(b);
    if (byName !== 0) return byName;
  }
  return idA.localeCompare(idB);
}

/** Per-employee memo, because `projects` and `teams` may both be selected. */
const projectMemo = new WeakMap<EmployeeModel, Promise<ProjectAccessModel[]>>();

/** Resolvers for `Employee` and the `Atlas*` access types. */
export const employeeResolvers = {
  Employee: {
    __resolveReference: resolveEmployee,
    atlasAccess: (employee: EmployeeModel) => employee,
  },
  AtlasAccess: {
    email: (employee: EmployeeModel) => normaliseEmail(employee.email),
    // Each list counts against the operation's result budget, as connections do.
    organisations: (employee: EmployeeModel, _: unknown, ctx: GraphQLContext) => {
      chargeNodes(ctx, employee.memberships.length);
      return employee.memberships;
    },
    teams: async (employee: EmployeeModel, _: unknown, ctx: GraphQLContext) => {
      const teams = await teamMemberships(employee, ctx);
      chargeNodes(ctx, teams.length);
      return teams;
    },
    projects: async (employee: EmployeeModel, _: unknown, ctx: GraphQLContext) => {
      let pending = projectMemo.get(employee);
      if (!pending) {
        pending = projectAccess(employee, ctx);
        projectMemo.set(employee, pending);
      }
      const projects = await pending;
      chargeNodes(ctx, projects.length);
      return projects;
    },
  },
  AtlasOrganisationAccess: {
    orgId: (m: MembershipModel) => m.org.id,
    orgName: (m: MembershipModel) => m.org.name,
    organisation: (m: MembershipModel) => m.org,
    user: (m: MembershipModel) => m.user,
    userId: (m: MembershipModel) => m.user.id,
    username: (m: MembershipModel) => m.user.username,
    membershipStatus: (m: MembershipModel) => m.user.orgMembershipStatus,
    orgRoles: (m: MembershipModel) => m.user.roles?.orgRoles ?? [],
    lastAuth: (m: MembershipModel) => m.user.lastAuth ?? null,
  },
  AtlasProjectAccess: {
    projectName: (access: ProjectAccessModel) => access.project?.name ?? null,
    roles: (access: ProjectAccessModel) =>
      [...new Set(access.grants.flatMap((grant) => grant.roles))].sort(),
  },
  AtlasProjectGrant: {
    team: (grant: ProjectGrantModel): TeamModel | null =>
      grant.teamId
        ? { orgId: grant.orgId, id: grant.teamId, name: grant.teamName ?? undefined }
        : null,
  },
  AtlasTeamMembership: {
    team: (membership: TeamMembershipModel): TeamModel => ({
      orgId: membership.orgId,
      id: membership.teamId,
      name: membership.teamName ?? undefined,
    }),
  },
};
