/** `DatabaseUser` fields and entity resolution. */
import type { AtlasDatabaseUser } from '../../atlas/types.js';
import type { DatabaseUserModel } from '../../loaders/models.js';
import type { GraphQLContext } from '../context.js';
import { isAtlasId, isAuthDatabase } from '../ids.js';
import type { DatabaseAuthenticationKind, Resolvers } from '../generated/resolvers-types.js';

/**
 * Attaches the project the user was read under: the spec marks `groupId` write-only, so a
 * response may leave it out.
 */
export function withProjectId(user: AtlasDatabaseUser, projectId: string): DatabaseUserModel {
  return { ...user, groupId: projectId, projectId };
}

/** Derives the authentication kind from the one auth-type field that is not NONE. */
export function authenticationKind(user: AtlasDatabaseUser): DatabaseAuthenticationKind {
  if (isSet(user.x509Type)) return 'X509';
  if (isSet(user.ldapAuthType)) return 'LDAP';
  if (isSet(user.awsIAMType)) return 'AWS_IAM';
  if (isSet(user.oidcAuthType)) return 'OIDC';
  return 'SCRAM';
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== 'NONE';
}

export const databaseUserResolvers: Resolvers = {
  DatabaseUser: {
    __resolveReference: async (
      ref: { projectId: string; databaseName: string; username: string },
      ctx: GraphQLContext,
    ) => {
      if (!isAtlasId(ref.projectId) || !isAuthDatabase(ref.databaseName)) return null;
      const user = await ctx.loaders.databaseUser.load({
        projectId: ref.projectId,
        databaseName: ref.databaseName,
        username: ref.username,
      });
      return user ? withProjectId(user, ref.projectId) : null;
    },

    project: (user: DatabaseUserModel, _: unknown, ctx: GraphQLContext) =>
      ctx.loaders.project.load(user.projectId),
    roles: (user: AtlasDatabaseUser) => user.roles ?? [],
    scopes: (user: AtlasDatabaseUser) => user.scopes ?? [],
    // Atlas limits a user with any scope to the scoped resources; no scopes means every cluster.
    scopedToAllClusters: (user: AtlasDatabaseUser) => (user.scopes ?? []).length === 0,
    authenticationKind,
    authenticationDetail: (user: AtlasDatabaseUser) =>
      [user.x509Type, user.ldapAuthType, user.awsIAMType, user.oidcAuthType].find(isSet) ?? null,
    isTemporary: (user: AtlasDatabaseUser) => Boolean(user.deleteAfterDate),
    labels: (user: AtlasDatabaseUser) => user.labels ?? [],
  },
};
