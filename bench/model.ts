/**
 * Counts read straight from a simulator dataset, for the expected-call formulas. They describe
 * what the simulator serves to the benchmark credential (`pub-test`, which can read every
 * organisation), independently of the subgraph code under test.
 */
import type { Dataset, DatasetOrganization, DatasetProject } from '../src/simulator/dataset.js';

/** Statuses Atlas lists when a user-list request names none. */
export const DEFAULT_STATUSES: readonly string[] = ['ACTIVE', 'PENDING'];

/** Every membership status; compliance and the access review read all of them. */
export const ALL_STATUSES: readonly string[] = [
  'ACTIVE',
  'PENDING',
  'INVITATION_EXPIRED',
  'INVITATION_REJECTED',
];

/** The dataset plus the page size the subgraph reads lists with (`ATLAS_PAGE_SIZE`). */
export interface EstateModel {
  dataset: Dataset;
  pageSize: number;
}

/** Requests needed to read a list of `count` items: an empty list still costs one. */
export function pages(model: EstateModel, count: number): number {
  return Math.max(1, Math.ceil(count / model.pageSize));
}

export function organisations(model: EstateModel): DatasetOrganization[] {
  return model.dataset.organizations;
}

export function projectsOf(model: EstateModel, orgId: string): DatasetProject[] {
  return model.dataset.projects.filter((project) => project.orgId === orgId);
}

/** Users of `org` whose membership status is in `statuses`, in dataset (and Atlas) order. */
export function usersOf(org: DatasetOrganization, statuses: readonly string[]) {
  return org.users.filter((user) => statuses.includes(user.orgMembershipStatus));
}

/** True when `userId` belongs to any team of `org`. */
export function isTeamMember(org: DatasetOrganization, userId: string): boolean {
  return org.teams.some((team) => team.memberIds.includes(userId));
}

/** True for a clusters-endpoint cluster on a shared tier (its regions use the TENANT provider). */
export function isSharedTier(cluster: DatasetProject['clusters'][number]): boolean {
  return (cluster.replicationSpecs ?? []).some((spec) =>
    spec.regionConfigs.some((region) => region.providerName === 'TENANT'),
  );
}

/** A cluster reference as `_entities` takes it, with the endpoint that serves it. */
export interface ClusterRef {
  projectId: string;
  name: string;
  flex: boolean;
}

/** Returns the first `limit` clusters of the estate: per project, dedicated ones, then flex ones. */
export function firstClusters(model: EstateModel, limit: number): ClusterRef[] {
  const refs: ClusterRef[] = [];
  for (const project of model.dataset.projects) {
    for (const cluster of project.clusters) refs.push({ projectId: project.id, name: cluster.name, flex: false });
    for (const cluster of project.flexClusters) refs.push({ projectId: project.id, name: cluster.name, flex: true });
  }
  return refs.slice(0, limit);
}

/** Sizes that describe an estate in the report. */
export interface EstateSize {
  organisations: number;
  projects: number;
  clusters: number;
  flexClusters: number;
  databaseUsers: number;
  organisationUsers: number;
  teams: number;
}

export function sizeOf(dataset: Dataset): EstateSize {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    organisations: dataset.organizations.length,
    projects: dataset.projects.length,
    clusters: sum(dataset.projects.map((project) => project.clusters.length)),
    flexClusters: sum(dataset.projects.map((project) => project.flexClusters.length)),
    databaseUsers: sum(dataset.projects.map((project) => project.databaseUsers.length)),
    organisationUsers: sum(dataset.organizations.map((org) => org.users.length)),
    teams: sum(dataset.organizations.map((org) => org.teams.length)),
  };
}
