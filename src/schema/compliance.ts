/**
 * Resolvers for schema/compliance.graphql. They only adapt arguments and parents; the checks,
 * the access review and their loading live in src/compliance/.
 */
import type { AtlasOrganization, AtlasProject } from '../atlas/types.js';
import type { AccessFlag } from '../compliance/access-review.js';
import { CATALOGUE } from '../compliance/catalogue.js';
import { matchesFramework, type ResultFilter } from '../compliance/evaluate.js';
import {
  clusterCompliance,
  organisationAccessReview,
  organisationCompliance,
  projectCompliance,
} from '../compliance/service.js';
import type { Framework } from '../compliance/types.js';
import type { ClusterModel } from '../loaders/models.js';
import type { GraphQLContext } from './context.js';

type ComplianceArgs = ResultFilter;

/** Federated references may carry only the key, so the name falls back to the id. */
function organisationOf(parent: AtlasOrganization): AtlasOrganization {
  return { ...parent, name: parent.name ?? parent.id };
}

function projectOf(parent: AtlasProject): AtlasProject {
  return { ...parent, name: parent.name ?? parent.id };
}

/**
 * Resolver map merged into the subgraph by src/schema/index.ts. The `JSON` scalar needs no
 * resolver: graphql-js passes custom scalar values through unchanged by default.
 */
export const complianceResolvers = {
  Query: {
    complianceCatalogue: (_parent: unknown, args: { framework?: Framework | null }) =>
      CATALOGUE.filter((check) => matchesFramework(check, args.framework)),
  },
  Organisation: {
    compliance: (parent: AtlasOrganization, args: ComplianceArgs, ctx: GraphQLContext) =>
      organisationCompliance(ctx, organisationOf(parent), args),
    accessReview: (
      parent: AtlasOrganization,
      args: { flags?: AccessFlag[] | null },
      ctx: GraphQLContext,
    ) =>
      organisationAccessReview(ctx, organisationOf(parent), args.flags),
  },
  Project: {
    compliance: (parent: AtlasProject, args: ComplianceArgs, ctx: GraphQLContext) =>
      projectCompliance(ctx, projectOf(parent), args),
  },
  Cluster: {
    compliance: (parent: ClusterModel, args: ComplianceArgs, ctx: GraphQLContext) =>
      clusterCompliance(ctx, parent, args),
  },
};
