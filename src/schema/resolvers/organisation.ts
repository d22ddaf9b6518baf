/** `Organisation` fields and entity resolution. */
import type { AtlasOrganization } from '../../atlas/types.js';
import type { GraphQLContext } from '../context.js';
import { toConnection, type PageArgs } from '../connection.js';
import { isAtlasId } from '../ids.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** Membership statuses Atlas lists when none are named. */
export const DEFAULT_MEMBERSHIP_STATUSES: readonly string[] = [];

export const organisationResolvers: Resolvers = {
  Organisation: {
    __resolveReference: (ref: { id: string }, ctx: GraphQLContext) =>
      isAtlasId(ref.id) ? ctx.loaders.organisation.load(ref.id) : null,

    projects: async (org: AtlasOrganization, args: PageArgs, ctx: GraphQLContext) =>
      toConnection(await ctx.loaders.projectsByOrg.load(org.id), args, ctx.settings.maxPageSize),

    users: async (
      org: AtlasOrganization,
      args: PageArgs & { statuses?: string[] | null },
      ctx: GraphQLContext,
    ) => {
      const statuses = [...new Set(args.statuses ?? DEFAULT_MEMBERSHIP_STATUSES)].sort();
      const users = await ctx.loaders.orgUsers.load({ orgId: org.id, statuses });
      const models = users.map((user) => ({ ...user, orgId: org.id }));
      return toConnection(models, args, ctx.settings.maxPageSize);
    },

    teams: async (org: AtlasOrganization, args: PageArgs, ctx: GraphQLContext) => {
      const teams = await ctx.loaders.teamsByOrg.load(org.id);
      const models = teams.map((team) => ({ orgId: org.id, id: team.id, name: team.name }));
      return toConnection(models, args, ctx.settings.maxPageSize);
    },
  },
};
