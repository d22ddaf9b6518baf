/**
 * The representative operations and the Atlas calls each should cost. Expected counts are
 * derived from what the loaders (src/loaders/index.ts) and the compliance loaders
 * (src/compliance/loaders.ts) read, and are computed from the dataset the simulator serves.
 */
import type { DatasetOrganization, DatasetProject } from '../src/simulator/dataset.js';
import {
  ALL_STATUSES,
  DEFAULT_STATUSES,
  firstClusters,
  isSharedTier,
  isTeamMember,
  organisations,
  pages,
  projectsOf,
  usersOf,
  type ClusterRef,
  type EstateModel,
} from './model.js';

/** Largest `first` the subgraph accepts by default (`MAX_PAGE_SIZE`). */
const FIRST = 500;

/** Entity references in the `_entities` operation. */
export const ENTITY_BATCH = 100;

/** Cloud providers whose peering connections and private endpoints compliance reads one by one. */
const CLOUD_PROVIDERS = ['AWS', 'AZURE', 'GCP'];

/** A GraphQL request body. */
export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** One benchmarked operation. */
export interface BenchQuery {
  id: string;
  title: string;
  /** Expected Atlas requests on a cold cache, as a formula over the estate. */
  coldFormula: string;
  /** Expected Atlas requests on the second run with a warm cache, as a formula. */
  warmFormula: string;
  build(model: EstateModel): Operation;
  expectedCold(model: EstateModel): number;
  expectedWarm(model: EstateModel): number;
  /** Returns a description of what is wrong with the response data, or undefined. */
  verify(data: Record<string, any>, model: EstateModel): string | undefined;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** Returns the organisation the single-organisation operations read, the dataset's first. */
function targetOrg(model: EstateModel): DatasetOrganization {
  return organisations(model)[0];
}

/** Projects the `organisations { projects }` operations return: the first 500 per organisation. */
function listedProjects(model: EstateModel): DatasetProject[] {
  return organisations(model)
    .slice(0, FIRST)
    .flatMap((org) => projectsOf(model, org.id).slice(0, FIRST));
}

/** `/orgs` plus one `/orgs/{orgId}/groups` list per organisation. */
function projectListCalls(model: EstateModel): number {
  const orgs = organisations(model);
  return pages(model, orgs.length) + sum(orgs.map((org) => pages(model, projectsOf(model, org.id).length)));
}

/** Counts `nodes` across `organisations.nodes[].projects.nodes[]`. */
function projectNodes(data: Record<string, any>): any[] {
  return (data.organisations?.nodes ?? []).flatMap((org: any) => org.projects?.nodes ?? []);
}

function expectCount(what: string, actual: number, expected: number): string | undefined {
  return actual === expected ? undefined : `${what}: ${actual} returned, ${expected} expected`;
}

/**
 * Groups the `_entities` batch by project. The cluster loader reads a project's two cluster
 * lists when the batch names two or more of its clusters, and each cluster by name otherwise.
 */
function referencesByProject(model: EstateModel): { project: DatasetProject; refs: ClusterRef[] }[] {
  const groups = new Map<string, ClusterRef[]>();
  for (const ref of firstClusters(model, ENTITY_BATCH)) {
    groups.set(ref.projectId, [...(groups.get(ref.projectId) ?? []), ref]);
  }
  return [...groups].map(([projectId, refs]) => ({
    project: model.dataset.projects.find((candidate) => candidate.id === projectId)!,
    refs,
  }));
}

/** Reads of one project that `Organisation.compliance` makes, before any per-cluster read. */
function projectComplianceCalls(model: EstateModel, project: DatasetProject): number {
  const peers = CLOUD_PROVIDERS.map((provider) =>
    pages(model, (project.peers ?? []).filter((peer) => peer.providerName === provider).length),
  );
  return (
    pages(model, project.clusters.length) +
    pages(model, project.flexClusters.length) +
    pages(model, project.databaseUsers.length) +
    1 + // customDBRoles/roles, a bare array
    pages(model, project.accessList.length) +
    1 + // auditLog
    1 + // encryptionAtRest
    CLOUD_PROVIDERS.length + // privateEndpoint/{provider}/endpointService, bare arrays
    sum(peers)
  );
}

/** Dedicated clusters whose description lacks the TLS floor, so compliance reads processArgs. */
function clustersNeedingProcessArgs(project: DatasetProject): number {
  return project.clusters.filter(
    (cluster) => !isSharedTier(cluster) && cluster.advancedConfiguration?.minimumEnabledTlsProtocol === undefined,
  ).length;
}

/** Reads of the organisation itself that compliance makes for the identity checks. */
function organisationComplianceCalls(model: EstateModel, org: DatasetOrganization): number {
  return (
    1 + // settings
    1 + // federationSettings
    pages(model, usersOf(org, ALL_STATUSES).length) +
    pages(model, org.apiKeys.length) +
    pages(model, org.serviceAccounts.length) +
    sum(org.apiKeys.map((key) => pages(model, key.accessList.length)))
  );
}

export const QUERIES: readonly BenchQuery[] = [
  {
    id: 'project-names',
    title: 'project names only',
    coldFormula: 'pages(O) + Σ pages(P)',
    warmFormula: '0',
    build: () => ({
      query: `{ organisations(first: ${FIRST}) { nodes { id projects(first: ${FIRST}) { nodes { name } } } } }`,
    }),
    expectedCold: projectListCalls,
    expectedWarm: () => 0,
    verify: (data, model) =>
      expectCount('projects', projectNodes(data).length, listedProjects(model).length),
  },
  {
    id: 'all-clusters',
    title: 'all clusters of all projects',
    coldFormula: 'pages(O) + Σ pages(P) + Σ (pages(C) + pages(F))',
    warmFormula: '0',
    build: () => ({
      query:
        `{ organisations(first: ${FIRST}) { nodes { id projects(first: ${FIRST}) { nodes { id ` +
        `clusters(first: ${FIRST}) { nodes { name kind mongoDBVersion backupEnabled minimumTlsProtocol ` +
        `regions { providerName regionName } } } } } } } }`,
    }),
    expectedCold: (model) =>
      projectListCalls(model) +
      sum(
        model.dataset.projects.map(
          (project) => pages(model, project.clusters.length) + pages(model, project.flexClusters.length),
        ),
      ),
    expectedWarm: () => 0,
    verify: (data, model) => {
      const clusters = projectNodes(data).flatMap((project: any) => project.clusters?.nodes ?? []);
      const expected = sum(
        listedProjects(model).map((project) =>
          Math.min(FIRST, project.clusters.length + project.flexClusters.length),
        ),
      );
      return expectCount('clusters', clusters.length, expected);
    },
  },
  {
    id: 'database-users',
    title: 'all database users with roles',
    coldFormula: 'pages(O) + Σ pages(P) + Σ pages(D)',
    warmFormula: '0',
    build: () => ({
      query:
        `{ organisations(first: ${FIRST}) { nodes { id projects(first: ${FIRST}) { nodes { id ` +
        `databaseUsers(first: ${FIRST}) { nodes { username databaseName authenticationKind ` +
        `roles { roleName databaseName } scopedToAllClusters } } } } } } }`,
    }),
    expectedCold: (model) =>
      projectListCalls(model) +
      sum(model.dataset.projects.map((project) => pages(model, project.databaseUsers.length))),
    expectedWarm: () => 0,
    verify: (data, model) => {
      const users = projectNodes(data).flatMap((project: any) => project.databaseUsers?.nodes ?? []);
      const expected = sum(
        listedProjects(model).map((project) => Math.min(FIRST, project.databaseUsers.length)),
      );
      return expectCount('database users', users.length, expected);
    },
  },
  {
    id: 'organisation-users',
    title: 'organisation users with teams',
    coldFormula: 'pages(O) + Σ (pages(U) + pages(T) when a returned user is in a team)',
    warmFormula: '0',
    build: () => ({
      query:
        `{ organisations(first: ${FIRST}) { nodes { id users(first: ${FIRST}) { nodes { username ` +
        `membershipStatus orgRoles lastAuth teams { id name } } } } } }`,
    }),
    expectedCold: (model) => {
      const orgs = organisations(model);
      const perOrg = orgs.map((org) => {
        const users = usersOf(org, DEFAULT_STATUSES);
        // Team names come from one team list per organisation, read only when a user has teams.
        const teams = users.slice(0, FIRST).some((user) => isTeamMember(org, user.id))
          ? pages(model, org.teams.length)
          : 0;
        return pages(model, users.length) + teams;
      });
      return pages(model, orgs.length) + sum(perOrg);
    },
    expectedWarm: () => 0,
    verify: (data, model) => {
      const users = (data.organisations?.nodes ?? []).flatMap((org: any) => org.users?.nodes ?? []);
      const expected = sum(
        organisations(model).map((org) => Math.min(FIRST, usersOf(org, DEFAULT_STATUSES).length)),
      );
      return expectCount('organisation users', users.length, expected);
    },
  },
  {
    id: 'project-by-id',
    title: 'one project by id, with clusters and database users',
    coldFormula: '1 + pages(C) + pages(F) + pages(D)',
    warmFormula: '0',
    build: (model) => ({
      query:
        `query ($id: ID!) { project(id: $id) { id name createdAt clusters(first: ${FIRST}) { nodes { ` +
        `name kind } } databaseUsers(first: ${FIRST}) { nodes { username roles { roleName } } } } }`,
      variables: { id: projectsOf(model, targetOrg(model).id)[0].id },
    }),
    expectedCold: (model) => {
      const project = projectsOf(model, targetOrg(model).id)[0];
      return (
        1 +
        pages(model, project.clusters.length) +
        pages(model, project.flexClusters.length) +
        pages(model, project.databaseUsers.length)
      );
    },
    expectedWarm: () => 0,
    verify: (data, model) => {
      const project = projectsOf(model, targetOrg(model).id)[0];
      if (data.project?.id !== project.id) return `project ${project.id} missing from the response`;
      return expectCount(
        'clusters',
        data.project.clusters?.nodes?.length ?? 0,
        project.clusters.length + project.flexClusters.length,
      );
    },
  },
  {
    id: 'cluster-entities',
    title: `\`_entities\` batch of up to ${ENTITY_BATCH} clusters`,
    coldFormula: 'Σ_P(R) (pages(C) + pages(F) when R ≥ 2, else 1 for a dedicated and 2 for a flex reference)',
    warmFormula: 'projects whose one reference is a flex cluster',
    build: (model) => ({
      query:
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ' +
        '... on Cluster { projectId name kind mongoDBVersion } } }',
      variables: {
        representations: firstClusters(model, ENTITY_BATCH).map((ref) => ({
          __typename: 'Cluster',
          projectId: ref.projectId,
          name: ref.name,
        })),
      },
    }),
    expectedCold: (model) =>
      sum(
        referencesByProject(model).map(({ project, refs }) => {
          if (refs.length >= 2) {
            return pages(model, project.clusters.length) + pages(model, project.flexClusters.length);
          }
          // A flex name first gets the clusters endpoint's 400, then the flexClusters GET.
          return refs[0].flex ? 2 : 1;
        }),
      ),
    // The 400 for a lone flex reference is an error, so the response cache never stores it.
    expectedWarm: (model) =>
      referencesByProject(model).filter(({ refs }) => refs.length === 1 && refs[0].flex).length,
    verify: (data, model) => {
      const found = (data._entities ?? []).filter((entity: unknown) => entity !== null);
      return expectCount('entities', found.length, firstClusters(model, ENTITY_BATCH).length);
    },
  },
  {
    id: 'compliance',
    title: 'organisation compliance report (first organisation)',
    coldFormula:
      '1 + 2 + pages(U*) + pages(K) + pages(S) + Σ_K pages(key access list) + pages(P) + ' +
      'Σ_P (pages(C) + pages(F) + pages(D) + pages(A) + 9) + C_noTLS',
    warmFormula: '1 when the organisation has no federation settings (the 404 is not cached), else 0',
    build: (model) => ({
      query:
        'query ($id: ID!) { organisation(id: $id) { id compliance { observedAt summary { pass fail ' +
        'unknown notApplicable } coverage { evaluated incomplete checks { id state } } ' +
        'checks { id status resource { type id } } } } }',
      variables: { id: targetOrg(model).id },
    }),
    expectedCold: (model) => {
      const org = targetOrg(model);
      const projects = projectsOf(model, org.id);
      return (
        1 + // GET /orgs/{orgId} for the root field
        organisationComplianceCalls(model, org) +
        pages(model, projects.length) +
        sum(projects.map((project) => projectComplianceCalls(model, project))) +
        sum(projects.map(clustersNeedingProcessArgs))
      );
    },
    expectedWarm: (model) => (targetOrg(model).federationSettings ? 0 : 1),
    verify: (data) => {
      const summary = data.organisation?.compliance?.summary;
      if (!summary) return 'compliance summary missing from the response';
      const total = summary.pass + summary.fail + summary.unknown + summary.notApplicable;
      return total > 0 ? undefined : 'compliance report has no results';
    },
  },
  {
    id: 'access-review',
    title: 'organisation access review (first organisation)',
    coldFormula:
      '1 + 1 + pages(U*) + pages(T) + pages(P) + pages(K) + pages(S) + ' +
      'Σ_P (pages(project teams) + pages(D)) + Σ_K pages(key access list) + 2 S',
    warmFormula: '0',
    build: (model) => ({
      query:
        'query ($id: ID!) { organisation(id: $id) { id accessReview { observedAt mfaRequired ' +
        'users { username orgRoles flags effectiveProjectRoles { projectId roles } } ' +
        'machinePrincipals { kind id flags } databaseUsers { projectId username flags } ' +
        'gaps { endpoint reason } } } }',
      variables: { id: targetOrg(model).id },
    }),
    expectedCold: (model) => {
      const org = targetOrg(model);
      const projects = projectsOf(model, org.id);
      const perProject = projects.map(
        (project) => pages(model, (project.teams ?? []).length) + pages(model, project.databaseUsers.length),
      );
      const perServiceAccount = org.serviceAccounts.map(
        (account) => pages(model, account.accessList.length) + pages(model, account.groups.length),
      );
      return (
        1 + // GET /orgs/{orgId} for the root field
        1 + // settings
        pages(model, usersOf(org, ALL_STATUSES).length) +
        pages(model, org.teams.length) +
        pages(model, projects.length) +
        pages(model, org.apiKeys.length) +
        pages(model, org.serviceAccounts.length) +
        sum(perProject) +
        sum(org.apiKeys.map((key) => pages(model, key.accessList.length))) +
        sum(perServiceAccount)
      );
    },
    expectedWarm: () => 0,
    verify: (data, model) => {
      const review = data.organisation?.accessReview;
      if (!review) return 'access review missing from the response';
      const org = targetOrg(model);
      const databaseUsers = sum(projectsOf(model, org.id).map((project) => project.databaseUsers.length));
      return expectCount('access review database users', review.databaseUsers.length, databaseUsers);
    },
  },
];

/** The cheap operation the throughput run repeats. */
export const THROUGHPUT_QUERY_ID = 'project-by-id';
