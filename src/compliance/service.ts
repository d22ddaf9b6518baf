/**
 * The entry points the GraphQL resolvers and the report command share: each takes the parts of
 * a request context it needs and returns plain report values.
 */
import type { AtlasReader } from '../atlas/reader.js';
import type { AtlasOrganization, AtlasProject } from '../atlas/types.js';
import type { ClusterModel } from '../loaders/models.js';
import { buildAccessReview, type AccessFlag, type AccessReview } from './access-review.js';
import { complianceConfigFrom } from './config.js';
import type { ResultFilter } from './evaluate.js';
import { complianceLoaders, loadAccessReviewInput } from './loaders.js';
import { buildComplianceReport, type ComplianceReportView } from './report.js';
import { clusterResults, organisationResults, projectResults } from './results.js';
import type { CheckEnvironment } from './snapshot.js';

/** The parts of the GraphQL context compliance uses. */
export interface ComplianceContext {
  atlas: AtlasReader;
  settings: { compliance: Record<string, unknown> };
  now: () => number;
}

function environmentOf(ctx: ComplianceContext): CheckEnvironment {
  return { config: complianceConfigFrom(ctx.settings.compliance), now: ctx.now() };
}

/** Checks an organisation, its projects and their clusters. */
export async function organisationCompliance(
  ctx: ComplianceContext,
  org: AtlasOrganization,
  filter: ResultFilter = {},
): Promise<ComplianceReportView> {
  const env = environmentOf(ctx);
  const results = await organisationResults(complianceLoaders(ctx), org, env, filter);
  return buildComplianceReport(results, ['ORGANISATION', 'PROJECT', 'CLUSTER'], filter, env.now);
}

/** Checks a project and its clusters. */
export async function projectCompliance(
  ctx: ComplianceContext,
  project: AtlasProject,
  filter: ResultFilter = {},
): Promise<ComplianceReportView> {
  const env = environmentOf(ctx);
  const results = await projectResults(complianceLoaders(ctx), project, env, filter);
  return buildComplianceReport(results, ['PROJECT', 'CLUSTER'], filter, env.now);
}

/** Checks one cluster. */
export async function clusterCompliance(
  ctx: ComplianceContext,
  cluster: ClusterModel,
  filter: ResultFilter = {},
): Promise<ComplianceReportView> {
  const env = environmentOf(ctx);
  const results = await clusterResults(complianceLoaders(ctx), cluster, env, filter);
  return buildComplianceReport(results, ['CLUSTER'], filter, env.now);
}

/** Builds the access review; `flags` keeps principals carrying any of them. */
export async function organisationAccessReview(
  ctx: ComplianceContext,
  org: AtlasOrganization,
  flags?: AccessFlag[] | null,
): Promise<AccessReview> {
  const env = environmentOf(ctx);
  const input = await loadAccessReviewInput(complianceLoaders(ctx), org);
  const review = buildAccessReview(input, env.config, env.now);
  if (!flags || flags.length === 0) return review;
  const keep = <T extends { flags: AccessFlag[] }>(items: T[]) =>
    items.filter((item) => item.flags.some((flag) => flags.includes(flag)));
  return {
    ...review,
    users: keep(review.users),
    machinePrincipals: keep(review.machinePrincipals),
    databaseUsers: keep(review.databaseUsers),
  };
}
