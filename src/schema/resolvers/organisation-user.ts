/**
 * `OrganisationUser` fields and entity resolution by `id` or by `username` (the login email).
 * Atlas has no cross-organisation user search, so references resolve by reading each visible
 * organisation's user list once per request and matching in memory.
 */
import type { AtlasOrganization, OrgUser } from '../../atlas/types.js';
import type { OrgUserModel } from '../../loaders/models.js';
import type { GraphQLContext } from '../context.js';
import { chargeNodes } from '../connection.js';
import type { MembershipStatus, Resolvers } from '../generated/resolvers-types.js';

/** Membership statuses read when looking a person up, so invitees resolve too. */
const LOOKUP_STATUSES = ['ACTIVE', 'INVITATION_EXPIRED', 'PENDING'];

/** Every membership of every visible organisation, built once per operation. */
const membershipsByContext = new WeakMap<GraphQLContext, Promise<OrgUserModel[]>>();

/**
 * Lists every membership of every visible organisation, in organisation order. The list is
 * built once per operation and shared, because entity batches and `memberships` ask for it
 * once per user.
 */
export function allOrganisationUsers(ctx: GraphQLContext): Promise<OrgUserModel[]> {
  let memberships = membershipsByContext.get(ctx);
  if (!memberships) {
    memberships = (async () => {
      const orgs: AtlasOrganization[] = await ctx.loaders.organisations();
      const lists = await Promise.all(
        orgs.map(async (org) => {
          const users = await ctx.loaders.orgUsers.load({ orgId: org.id, statuses: LOOKUP_STATUSES });
          return users.map((user) => ({ ...user, orgId: org.id }));
        }),
      );
      return lists.flat();
    })();
    membershipsByContext.set(ctx, memberships);
  }
  return memberships;
}

/** Lower-cases an email for comparison; Atlas usernames are case-insensitive emails. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Lists the project role grants of a user, one entry per project. */
function projectRoles(user: OrgUser) {
  return (user.roles?.groupRoleAssignments ?? []).map((grant) => ({
    projectId: grant.groupId,
    roles: grant.groupRoles ?? [],
  }));
}

export const organisationUserResolvers: Resolvers = {
  OrganisationUser: {
    __resolveReference: async (
      ref: { id?: string; username?: string },
      ctx: GraphQLContext,
    ) => {
      const users = await allOrganisationUsers(ctx);
      if (ref.id !== undefined) return users.find((user) => user.id === ref.id) ?? null;
      if (ref.username === undefined) return null;
      const email = normaliseEmail(ref.username);
      return users.find((user) => normaliseEmail(user.username) === email) ?? null;
    },

    organisation: (user: OrgUserModel, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.organisation.load(user.orgId),
    membershipStatus: (user: OrgUserModel) => user.orgMembershipStatus as MembershipStatus,
    orgRoles: (user: OrgUserModel) => user.roles?.orgRoles ?? [],
    projectRoles: (user: OrgUserModel) => projectRoles(user),

    teams: async (user: OrgUserModel, _: unknown, ctx: GraphQLContext) => {
      const ids = new Set(user.teamIds ?? []);
      if (ids.size === 0) return [];
      const teams = await ctx.loaders.teamsByOrg.load(user.orgId);
      return teams
        .filter((team) => ids.has(team.id))
        .map((team) => ({ orgId: user.orgId, id: team.id, name: team.name }));
    },

    memberships: async (user: OrgUserModel, _: unknown, ctx: GraphQLContext) => {
      const users = await allOrganisationUsers(ctx);
      const own = users.filter((candidate) => candidate.id === user.id);
      chargeNodes(ctx, own.length);
      return own
        .map((membership) => ({
          orgId: membership.orgId,
          membershipStatus: membership.orgMembershipStatus as MembershipStatus,
          orgRoles: membership.roles?.orgRoles ?? [],
          projectRoles: projectRoles(membership),
        }));
    },
  },

  OrganisationMembership: {
    organisation: (membership: { orgId: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.organisation.load(membership.orgId),
  },

  ProjectRoleAssignment: {
    project: (grant: { projectId: string }, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.project.load(grant.projectId),
  },
};
