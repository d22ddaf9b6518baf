/** `Team` fields and entity resolution. */
import type { TeamModel } from '../../loaders/models.js';
import type { GraphQLContext } from '../context.js';
import { paginate, type PageArgs } from '../connection.js';
import { isAtlasId } from '../ids.js';
import type { Resolvers } from '../generated/resolvers-types.js';

export const teamResolvers: Resolvers = {
  Team: {
    __resolveReference: async (ref: { orgId: string; id: string }, ctx: GraphQLContext) => {
      if (!isAtlasId(ref.orgId) || !isAtlasId(ref.id)) return null;
      // One list call per organisation resolves any number of its teams.
      const teams = await ctx.loaders.teamsByOrg.load(ref.orgId);
      const team = teams.find((candidate) => candidate.id === ref.id);
      return team ? { orgId: ref.orgId, id: team.id, name: team.name } : null;
    },

    name: async (team: TeamModel, _: unknown, ctx: GraphQLContext) => {
      if (team.name !== undefined) return team.name;
      const found = await ctx.loaders.team.load({ orgId: team.orgId, teamId: team.id });
      return found?.name ?? null;
    },

    organisation: (team: TeamModel, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.organisation.load(team.orgId),

    members: (team: TeamModel, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, async () => {
        const members = await ctx.loaders.teamMembers.load({ orgId: team.orgId, teamId: team.id });
        return members.map((user) => ({ ...user, orgId: team.orgId }));
      }),
  },
};
