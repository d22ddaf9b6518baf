/**
 * Collects check results for an organisation, a project or a cluster, walking down to the
 * projects and clusters below it. When a list of children cannot be read, their checks are
 * reported as UNKNOWN against the parent, so a denied read never looks like a clean report.
 */
import type { AtlasOrganization, AtlasProject } from '../atlas/types.js';
import type { ClusterModel } from '../loaders/models.js';
import {
  checksFor,
  evaluateCluster,
  evaluateOrganisation,
  evaluateProject,
  type ResultFilter,
} from './evaluate.js';
import type { ComplianceLoaders } from './loaders.js';
import type { CheckEnvironment } from './snapshot.js';
import type { CheckResult, CheckScope, Loaded, ResourceRef } from './types.js';

/**
 * Projects evaluated at once. Each project costs about a dozen Atlas reads, so a large
 * organisation read all at once would meet Atlas rate limits. NOTE: 8 is a guess, not a
 * measured optimum.
 */
const PROJECT_BATCH_SIZE = 8;

/** Maps `items` through `run`, at most `size` at a time, keeping the input order. */
async function mapInBatches<T, R>(
  items: T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await Promise.all(items.slice(start, start + size).map(run))));
  }
  return results;
}

/** Results for checks of `scope` that could not run because `read` (a parent list) failed. */
function unreadable(
  scope: CheckScope,
  read: Loaded<unknown>,
  resource: ResourceRef,
  env: CheckEnvironment,
  filter: ResultFilter,
): CheckResult[] {
  if (read.ok) return [];
  const observedAt = new Date(env.now).toISOString();
  return checksFor(scope, filter).map((check) => ({
    check,
    resource,
    observedAt,
    status: 'UNKNOWN',
    detail: read.reason,
    values: null,
    sources: [read.source],
  }));
}

/** Reference to a cluster as results name it. */
export function clusterRef(cluster: ClusterModel): ResourceRef {
  const id = cluster.dedicated?.id ?? cluster.flex?.id ?? `${cluster.projectId}/${cluster.name}`;
  return { type: 'CLUSTER', id, name: cluster.name, projectId: cluster.projectId };
}

/** Evaluates one cluster. */
export async function clusterResults(
  loaders: ComplianceLoaders,
  cluster: ClusterModel,
  env: CheckEnvironment,
  filter: ResultFilter = {},
): Promise<CheckResult[]> {
  if (checksFor('CLUSTER', filter).length === 0) return [];
  return evaluateCluster(await loaders.clusterSnapshot(cluster), clusterRef(cluster), env, filter);
}

/** Evaluates a project and each of its clusters. */
export async function projectResults(
  loaders: ComplianceLoaders,
  project: AtlasProject,
  env: CheckEnvironment,
  filter: ResultFilter = {},
): Promise<CheckResult[]> {
  // A filter that leaves no project check needs only the cluster list, not every project read.
  const runOwn = checksFor('PROJECT', filter).length > 0;
  const snapshot = runOwn ? await loaders.projectSnapshot(project) : undefined;
  const own = snapshot ? evaluateProject(snapshot, env, filter) : [];
  const clusterList = snapshot?.clusters ?? (await loaders.clusters(project.id));
  const resource: ResourceRef = {
    type: 'PROJECT',
    id: project.id,
    name: project.name,
    projectId: project.id,
  };
  const clusters = clusterList.ok ? clusterList.value : [];
  const perCluster = await Promise.all(
    clusters.map((cluster) => clusterResults(loaders, cluster, env, filter)),
  );
  return [
    ...own,
    ...unreadable('CLUSTER', clusterList, resource, env, filter),
    ...perCluster.flat(),
  ];
}

/** Evaluates an organisation, each of its projects and their clusters. */
export async function organisationResults(
  loaders: ComplianceLoaders,
  org: AtlasOrganization,
  env: CheckEnvironment,
  filter: ResultFilter = {},
): Promise<CheckResult[]> {
  const runOwn = checksFor('ORGANISATION', filter).length > 0;
  const [snapshot, projects] = await Promise.all([
    runOwn ? loaders.organisationSnapshot(org) : undefined,
    loaders.projects(org.id),
  ]);
  const own = snapshot ? evaluateOrganisation(snapshot, env, filter) : [];
  const resource: ResourceRef = { type: 'ORGANISATION', id: org.id, name: org.name };
  const list = projects.ok ? projects.value : [];
  const perProject = await mapInBatches(list, PROJECT_BATCH_SIZE, (project) =>
    projectResults(loaders, project, env, filter),
  );
  const missing = [
    ...unreadable('PROJECT', projects, resource, env, filter),
    ...unreadable('CLUSTER', projects, resource, env, filter),
  ];
  return [...own, ...missing, ...perProject.flat()];
}
