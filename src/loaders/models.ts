/**
 * Shapes the loaders hand to resolvers when Atlas splits one concept over several endpoints.
 */
import type { AtlasCluster, AtlasDatabaseUser, AtlasFlexCluster, OrgUser } from '../atlas/types.js';

/** Hosting model of a cluster, mirroring the `ClusterKind` GraphQL enum. */
export type ClusterKind = 'DEDICATED' | 'SHARED' | 'FLEX';

/** A cluster of any kind: exactly one of `dedicated` (clusters endpoint) and `flex` is set. */
export interface ClusterModel {
  kind: ClusterKind;
  projectId: string;
  name: string;
  dedicated?: AtlasCluster;
  flex?: AtlasFlexCluster;
}

/** Wraps a clusters-endpoint description, telling shared tiers (TENANT provider) apart. */
export function dedicatedClusterModel(cluster: AtlasCluster): ClusterModel {
  const providers = (cluster.replicationSpecs ?? []).flatMap((spec) =>
    spec.regionConfigs.map((region) => region.providerName),
  );
  const kind: ClusterKind = providers.includes('TENANT') ? 'SHARED' : 'DEDICATED';
  return { kind, projectId: cluster.groupId, name: cluster.name, dedicated: cluster };
}

/** Wraps a flexClusters-endpoint description. */
export function flexClusterModel(cluster: AtlasFlexCluster): ClusterModel {
  return { kind: 'FLEX', projectId: cluster.groupId, name: cluster.name, flex: cluster };
}

/** A team as resolvers see it: the organisation id travels with it because Atlas omits it. */
export interface TeamModel {
  orgId: string;
  id: string;
  name?: string;
}

/** An organisation user read from one organisation's user list. */
export interface OrgUserModel extends OrgUser {
  orgId: string;
}

/** A database user with the project it was read under (Atlas marks `groupId` write-only). */
export interface DatabaseUserModel extends AtlasDatabaseUser {
  projectId: string;
}

/** A team's roles in one project, with the organisation needed to name the team. */
export interface ProjectTeamAssignmentModel {
  teamId: string;
  roles: string[];
  orgId: string;
}
