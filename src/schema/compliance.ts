/**
 * Resolvers for schema/compliance.graphql. They only adapt arguments and parents; the checks,
 * the access review and their loading live in src/compliance/.
 */
import type { AtlasOrganization, AtlasProject } from '../atlas/types.js';
import type { AccessFlag, AccessReview } from '../compliance/access-review.js';
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
import { chargeNodes } from './connection.js';

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
/** Counts a compliance report's results against the operation's result budget. */
async function chargedReport<T extends { checks: unknown[] }>(ctx: GraphQLContext, report: Promise<T>) {
  const value = await report;
  chargeNodes(ctx, value.checks.length);
  return value;
}

/**
 * Counts an access review's principals against the result budget, so aliasing the field many
 * times cannot build an unbounded response. Grants are not counted: each principal has at
 * most one per project, and a large organisation's review would otherwise pass the default.
 */
async function chargedReview(ctx: GraphQLContext, review: Promise<AccessReview>) {
  const value = await review;
  chargeNodes(ctx, value.users.length + value.machinePrincipals.length + value.databaseUsers.length);
  return value;
}

export const complianceResolvers = {
  Query: {
    complianceCatalogue: (_parent: unknown, args: { framework?: Framework | null }) =>
      CATALOGUE.filter((check) => matchesFramework(check, args.framework)),
  },
  Organisation: {
    compliance: (parent: AtlasOrganization, args: ComplianceArgs, ctx: GraphQLContext) =>
      chargedReport(ctx, organisationCompliance(ctx, organisationOf(parent), args)),
    accessReview: (
      parent: AtlasOrganization,
      args: { flags?: AccessFlag[] | null },
      ctx: GraphQLContext,
    ) =>
      chargedReview(ctx, organisationAccessReview(ctx, organisationOf(parent), args.flags)),
  },
  Project: {
    compliance: (parent: AtlasProject, args: ComplianceArgs, ctx: GraphQLContext) =>
      chargedReport(ctx, projectCompliance(ctx, projectOf(parent), args)),
  },
  Cluster: {
    compliance: (parent: ClusterModel, args: ComplianceArgs, ctx: GraphQLContext) =>
      chargedReport(ctx, clusterCompliance(ctx, parent, args)),
  },
};
