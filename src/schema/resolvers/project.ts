/** `Project` fields and entity resolution. */
import type { AtlasProject } from '../../atlas/types.js';
import type { ProjectTeamAssignmentModel } from '../../loaders/models.js';
import type { GraphQLContext } from '../context.js';
import { paginate, type PageArgs } from '../connection.js';
import { isAtlasId } from '../ids.js';
import { isOpenToInternet } from '../network.js';
import { withProjectId } from './database-user.js';
import type { Resolvers } from '../generated/resolvers-types.js';

export const projectResolvers: Resolvers = {
  Project: {
    // A copy, because @apollo/subgraph sets __typename on what this returns and cached Atlas
    // replies are frozen.
    __resolveReference: async (ref: { id: string }, ctx: GraphQLContext) => {
      const project = isAtlasId(ref.id) ? await ctx.loaders.project.load(ref.id) : null;
      return project ? { ...project } : null;
    },

    organisation: (project: AtlasProject, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.organisation.load(project.orgId),

    createdAt: (project: AtlasProject) => project.created ?? null,
    tags: (project: AtlasProject) => project.tags ?? [],

    clusters: (
      project: AtlasProject,
      args: PageArgs & { kind?: string | null },
      ctx: GraphQLContext,
    ) =>
      paginate(ctx, args, async () => {
        const clusters = await ctx.loaders.clustersByProject.load(project.id);
        return args.kind ? clusters.filter((cluster) => cluster.kind === args.kind) : clusters;
      }),

    databaseUsers: (project: AtlasProject, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, async () => {
        const users = await ctx.loaders.databaseUsersByProject.load(project.id);
        return users.map((user) => withProjectId(user, project.id));
      }),

    ipAccessList: (project: AtlasProject, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, () => ctx.loaders.accessListByProject.load(project.id)),

    openToInternet: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) =>
      (await ctx.loaders.accessListByProject.load(project.id)).some(isOpenToInternet),

    teams: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const grants = await ctx.loaders.projectTeams.load(project.id);
      return grants.map((grant) => ({
        teamId: grant.teamId,
        roles: grant.roleNames ?? [],
        orgId: project.orgId,
      }));
    },
  },

  ProjectTeamAssignment: {
    team: async (
      grant: ProjectTeamAssignmentModel,
      _: unknown,
      ctx: GraphQLContext,
    ) => {
      // The organisation's team list is one call and names every team the project grants.
      const teams = await ctx.loaders.teamsByOrg.load(grant.orgId);
      const team = teams.find((candidate) => candidate.id === grant.teamId);
      return team ? { orgId: grant.orgId, id: team.id, name: team.name } : null;
    },
  },

  IpAccessListEntry: {
    isTemporary: (entry: { deleteAfterDate?: string }) => Boolean(entry.deleteAfterDate),
    isOpenToInternet,
  },
};
