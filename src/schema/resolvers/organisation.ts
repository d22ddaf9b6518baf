/** `Organisation` fields and entity resolution. */
import type { AtlasOrganization } from '../../atlas/types.js';
import type { GraphQLContext } from '../context.js';
import { paginate, type PageArgs } from '../connection.js';
import { isAtlasId } from '../ids.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** Membership statuses Atlas lists when none are named. */
export const DEFAULT_MEMBERSHIP_STATUSES: readonly string[] = [];

export const organisationResolvers: Resolvers = {
  Organisation: {
    // A copy, because @apollo/subgraph sets __typename on what this returns and cached Atlas
    // replies are frozen.
    __resolveReference: async (ref: { id: string }, ctx: GraphQLContext) => {
      const org = isAtlasId(ref.id) ? await ctx.loaders.organisation.load(ref.id) : null;
      return org ? { ...org } : null;
    },

    projects: (org: AtlasOrganization, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, () => ctx.loaders.projectsByOrg.load(org.id)),

    users: (
      org: AtlasOrganization,
      args: PageArgs & { statuses?: string[] | null },
      ctx: GraphQLContext,
    ) => {
      const statuses = [...new Set(args.statuses ?? DEFAULT_MEMBERSHIP_STATUSES)].sort();
      return paginate(ctx, args, async () => {
        const users = await ctx.loaders.orgUsers.load({ orgId: org.id, statuses });
        return users.map((user) => ({ ...user, orgId: org.id }));
      });
    },

    teams: (org: AtlasOrganization, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, async () => {
        const teams = await ctx.loaders.teamsByOrg.load(org.id);
        return teams.map((team) => ({ orgId: org.id, id: team.id, name: team.name }));
      }),
  },
};
