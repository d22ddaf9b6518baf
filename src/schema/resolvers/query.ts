/** Root `Query` fields: each validates its arguments, then reads through the loaders. */
import type { GraphQLContext } from '../context.js';
import { paginate, type PageArgs } from '../connection.js';
import { assertAtlasId, assertAuthDatabase, assertClusterName } from '../ids.js';
import { withProjectId } from './database-user.js';
import type { Resolvers } from '../generated/resolvers-types.js';

export const queryResolvers: Resolvers = {
  Query: {
    organisations: (_: unknown, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, () => ctx.loaders.organisations()),

    organisation: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      assertAtlasId('organisation id', args.id, 'id');
      return ctx.loaders.organisation.load(args.id);
    },

    project: (_: unknown, args: { id: string }, ctx: GraphQLContext) => {
      assertAtlasId('project id', args.id, 'id');
      return ctx.loaders.project.load(args.id);
    },

    cluster: (_: unknown, args: { projectId: string; name: string }, ctx: GraphQLContext) => {
      assertAtlasId('projectId', args.projectId);
      assertClusterName(args.name);
      return ctx.loaders.cluster.load({ projectId: args.projectId, name: args.name });
    },

    databaseUser: async (
      _: unknown,
      args: { projectId: string; databaseName: string; username: string },
      ctx: GraphQLContext,
    ) => {
      assertAtlasId('projectId', args.projectId);
      assertAuthDatabase(args.databaseName);
      const user = await ctx.loaders.databaseUser.load(args);
      return user ? withProjectId(user, args.projectId) : null;
    },

    team: async (_: unknown, args: { orgId: string; id: string }, ctx: GraphQLContext) => {
      assertAtlasId('orgId', args.orgId);
      assertAtlasId('team id', args.id, 'id');
      const team = await ctx.loaders.team.load({ orgId: args.orgId, teamId: args.id });
      return team ? { orgId: args.orgId, id: team.id, name: team.name } : null;
    },
  },
};
