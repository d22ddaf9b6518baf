/**
 * Request-scoped DataLoaders. Each loader is keyed by what Atlas returns in one call (all
 * clusters of a project, all users of an organisation), so a query over many objects costs one
 * call per container, never one per object. A failed key becomes an Error in its own slot, so
 * one bad project does not fail its siblings.
 */
import DataLoader from 'dataloader';
import type { AtlasReader } from '../atlas/reader.js';
import { ErrorCode, isAtlasApiError } from '../atlas/errors.js';
import type {
  AccessListEntry,
  AtlasDatabaseUser,
  AtlasOrganization,
  AtlasProject,
  OrgUser,
  Team,
  TeamRole,
} from '../atlas/types.js';
import { getOrganization, listOrganizations, listOrganizationUsers } from '../atlas/resources/organizations.js';
import { getProject, listOrganizationProjects, listProjectTeams } from '../atlas/resources/projects.js';
import { getTeam, listTeamMembers, listTeams } from '../atlas/resources/teams.js';
import { getCluster, getFlexCluster, listClusters, listFlexClusters } from '../atlas/resources/clusters.js';
import { getDatabaseUser, listDatabaseUsers } from '../atlas/resources/database-users.js';
import { listAccessList } from '../atlas/resources/access-list.js';
import { dedicatedClusterModel, flexClusterModel, type ClusterModel } from './models.js';

/** Identifies one cluster. */
export interface ClusterKey {
  projectId: string;
  name: string;
}

/** Identifies one database user. */
export interface DatabaseUserKey {
  projectId: string;
  databaseName: string;
  username: string;
}

/** Identifies one team. */
export interface TeamKey {
  orgId: string;
  teamId: string;
}

/** Identifies one organisation's user list filtered by membership status. */
export interface OrgUsersKey {
  orgId: string;
  /** Sorted statuses; empty means the Atlas default (ACTIVE and PENDING). */
  statuses: readonly string[];
}

/** The loaders one GraphQL operation uses. */
export interface Loaders {
  organisations: () => Promise<AtlasOrganization[]>;
  organisation: DataLoader<string, AtlasOrganization | null>;
  project: DataLoader<string, AtlasProject | null>;
  projectsByOrg: DataLoader<string, AtlasProject[]>;
  clustersByProject: DataLoader<string, ClusterModel[]>;
  cluster: DataLoader<ClusterKey, ClusterModel | null, string>;
  databaseUsersByProject: DataLoader<string, AtlasDatabaseUser[]>;
  databaseUser: DataLoader<DatabaseUserKey, AtlasDatabaseUser | null, string>;
  accessListByProject: DataLoader<string, AccessListEntry[]>;
  orgUsers: DataLoader<OrgUsersKey, OrgUser[], string>;
  teamsByOrg: DataLoader<string, Team[]>;
  team: DataLoader<TeamKey, Team | null, string>;
  teamMembers: DataLoader<TeamKey, OrgUser[], string>;
  projectTeams: DataLoader<string, TeamRole[]>;
}

/** Resolves a 404 to null: the object does not exist or this credential cannot see it. */
export async function nullIfNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (isAtlasApiError(error) && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

/** Runs `load` per key and turns each failure into an Error in that key's slot. */
function perKey<K, V>(load: (key: K) => Promise<V>) {
  return (keys: readonly K[]): Promise<(V | Error)[]> =>
    Promise.all(
      keys.map((key) =>
        load(key).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        ),
      ),
    );
}

/** True when Atlas refused a clusters-endpoint read because the name is a flex cluster. */
function isFlexOnClusterApi(error: unknown): boolean {
  return isAtlasApiError(error) && error.errorCode === 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API';
}

/** Creates the loaders for one operation, reading through `atlas`. */
export function createLoaders(atlas: AtlasReader): Loaders {
  let organisationList: Promise<AtlasOrganization[]> | undefined;
  const byJson = { cacheKeyFn: (key: unknown) => JSON.stringify(key) };

  const clustersByProject = new DataLoader<string, ClusterModel[]>(
    perKey(async (projectId) => {
      // Flex clusters live on their own endpoint, so a project's inventory needs both lists.
      const [dedicated, flex] = await Promise.all([
        listClusters(atlas, projectId),
        listFlexClusters(atlas, projectId),
      ]);
      return [...dedicated.map(dedicatedClusterModel), ...flex.map(flexClusterModel)];
    }),
  );

  const databaseUsersByProject = new DataLoader<string, AtlasDatabaseUser[]>(
    perKey((projectId) => listDatabaseUsers(atlas, projectId)),
  );

  const organisation = new DataLoader<string, AtlasOrganization | null>(
    perKey((id) => nullIfNotFound(getOrganization(atlas, id))),
  );
  const project = new DataLoader<string, AtlasProject | null>(
    perKey((id) => nullIfNotFound(getProject(atlas, id))),
  );

  // Lists carry whole objects, so they prime the single-object loaders: resolving
  // `project.organisation` after listing organisations costs no further call.
  const listOrganisationsPrimed = async () => {
    const orgs = await listOrganizations(atlas);
    for (const org of orgs) organisation.prime(org.id, org);
    return orgs;
  };
  const projectsByOrg = new DataLoader<string, AtlasProject[]>(
    perKey(async (orgId) => {
      const projects = await listOrganizationProjects(atlas, orgId);
      for (const item of projects) project.prime(item.id, item);
      return projects;
    }),
  );

  return {
    organisations: () => (organisationList ??= listOrganisationsPrimed()),
    organisation,
    project,
    projectsByOrg,
    clustersByProject,
    cluster: new DataLoader(
      (keys: readonly ClusterKey[]) =>
        loadGroupedByProject(keys, clustersByProject, (key) => loadOneCluster(atlas, key),
          (cluster, key) => cluster.name === key.name),
      byJson,
    ),
    databaseUsersByProject,
    databaseUser: new DataLoader(
      (keys: readonly DatabaseUserKey[]) =>
        loadGroupedByProject(
          keys,
          databaseUsersByProject,
          (key) => nullIfNotFound(getDatabaseUser(atlas, key.projectId, key.databaseName, key.username)),
          (user, key) => user.databaseName === key.databaseName && user.username === key.username,
        ),
      byJson,
    ),
    accessListByProject: new DataLoader(perKey((projectId) => listAccessList(atlas, projectId))),
    orgUsers: new DataLoader(
      perKey((key: OrgUsersKey) =>
        listOrganizationUsers(
          atlas,
          key.orgId,
          key.statuses.length > 0 ? { statuses: [...key.statuses] } : {},
        ),
      ),
      byJson,
    ),
    teamsByOrg: new DataLoader(perKey((orgId) => listTeams(atlas, orgId))),
    team: new DataLoader(
      perKey((key: TeamKey) => nullIfNotFound(getTeam(atlas, key.orgId, key.teamId))),
      byJson,
    ),
    teamMembers: new DataLoader(
      perKey((key: TeamKey) => listTeamMembers(atlas, key.orgId, key.teamId)),
      byJson,
    ),
    projectTeams: new DataLoader(perKey((projectId) => listProjectTeams(atlas, projectId))),
  };
}

/**
 * Loads objects keyed within a project. A project requested once gets a single-object read.
 * A project requested several times gets its whole list in one call, so an `_entities` batch
 * costs at most one list per project instead of one read per object.
 */
async function loadGroupedByProject<K extends { projectId: string }, V>(
  keys: readonly K[],
  listLoader: DataLoader<string, V[]>,
  loadOne: (key: K) => Promise<V | null>,
  matches: (item: V, key: K) => boolean,
): Promise<(V | null | Error)[]> {
  const perProject = new Map<string, number>();
  for (const key of keys) perProject.set(key.projectId, (perProject.get(key.projectId) ?? 0) + 1);
  return perKey(async (key: K) => {
    if ((perProject.get(key.projectId) ?? 0) < 2) return loadOne(key);
    const items = await nullIfNotFound(listLoader.load(key.projectId));
    return items?.find((item) => matches(item, key)) ?? null;
  })(keys);
}

/**
 * Reads one cluster by name. The clusters endpoint returns 400 for flex clusters, so that case
 * falls through to the flex endpoint. A 404 from either means no such cluster.
 */
async function loadOneCluster(atlas: AtlasReader, key: ClusterKey): Promise<ClusterModel | null> {
  try {
    const cluster = await nullIfNotFound(getCluster(atlas, key.projectId, key.name));
    return cluster ? dedicatedClusterModel(cluster) : null;
  } catch (error) {
    if (!isFlexOnClusterApi(error)) throw error;
  }
  const flex = await nullIfNotFound(getFlexCluster(atlas, key.projectId, key.name));
  return flex ? flexClusterModel(flex) : null;
}
