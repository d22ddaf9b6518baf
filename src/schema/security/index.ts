/**
 * Resolvers for schema/security.graphql, merged into one map for src/schema/index.ts. Each
 * area file owns distinct fields, so the spreads below never overwrite one another.
 */
import type { Resolvers } from '../generated/resolvers-types.js';
import { clusterSecurityResolvers } from './cluster.js';
import { eventResolvers } from './events.js';
import { organisationSecurityResolvers } from './organisation.js';
import { projectSecurityResolvers } from './project.js';

/** Every security field resolver, by type. */
export const securityResolvers: Resolvers = {
  ...organisationSecurityResolvers,
  ...clusterSecurityResolvers,
  Organisation: {
    ...organisationSecurityResolvers.Organisation,
    ...eventResolvers.Organisation,
  },
  Project: {
    ...projectSecurityResolvers.Project,
    ...eventResolvers.Project,
  },
};
