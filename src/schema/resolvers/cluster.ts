/**
 * `Cluster` fields over both Atlas shapes: the clusters endpoint (dedicated and shared tiers)
 * and the flex clusters endpoint, which names the same facts differently.
 */
import type { RegionConfig } from '../../atlas/types.js';
import type { ClusterModel } from '../../loaders/models.js';
import type { GraphQLContext } from '../context.js';
import { isAtlasId, isClusterName } from '../ids.js';
import type { Resolvers } from '../generated/resolvers-types.js';

/** One row of `Cluster.regions`. */
interface ClusterRegionModel {
  providerName: string;
  backingProviderName: string | null;
  regionName: string;
  priority: number | null;
  instanceSize: string | null;
  electableNodes: number;
  readOnlyNodes: number;
  analyticsNodes: number;
  zoneName: string | null;
}

/** Lists a cluster's regions from whichever endpoint described it. */
export function clusterRegions(cluster: ClusterModel): ClusterRegionModel[] {
  if (cluster.flex) {
    const settings = cluster.flex.providerSettings ?? {};
    return [
      {
        providerName: settings.providerName ?? 'FLEX',
        backingProviderName: settings.backingProviderName ?? null,
        regionName: settings.regionName ?? 'UNKNOWN',
        priority: null,
        instanceSize: 'FLEX',
        electableNodes: 3,
        readOnlyNodes: 0,
        analyticsNodes: 0,
        zoneName: null,
      },
    ];
  }
  return (cluster.dedicated?.replicationSpecs ?? []).flatMap((spec) =>
    spec.regionConfigs.map((region: RegionConfig) => ({
      providerName: region.providerName,
      backingProviderName: region.backingProviderName ?? null,
      regionName: region.regionName,
      priority: region.priority ?? null,
      instanceSize: region.electableSpecs?.instanceSize ?? null,
      electableNodes: region.electableSpecs?.nodeCount ?? 0,
      readOnlyNodes: region.readOnlySpecs?.nodeCount ?? 0,
      analyticsNodes: region.analyticsSpecs?.nodeCount ?? 0,
      zoneName: spec.zoneName ?? null,
    })),
  );
}

/** Distinct real clouds under a cluster; TENANT and FLEX give way to their backing provider. */
export function clusterProviders(cluster: ClusterModel): string[] {
  const names = clusterRegions(cluster).map((region) =>
    region.providerName === 'TENANT' || region.providerName === 'FLEX'
      ? (region.backingProviderName ?? region.providerName)
      : region.providerName,
  );
  return [...new Set(names)];
}

export const clusterResolvers: Resolvers = {
  Cluster: {
    __resolveReference: (ref: { projectId: string; name: string }, ctx: GraphQLContext) => {
      if (!isAtlasId(ref.projectId) || !isClusterName(ref.name)) return null;
      return ctx.loaders.cluster.load({ projectId: ref.projectId, name: ref.name });
    },

    id: (c: ClusterModel) => c.dedicated?.id ?? c.flex?.id ?? null,
    project: (c: ClusterModel, _: unknown, ctx: GraphQLContext) => ctx.loaders.project.load(c.projectId),
    clusterType: (c: ClusterModel) => c.dedicated?.clusterType ?? c.flex?.clusterType ?? null,
    mongoDBVersion: (c: ClusterModel) => c.dedicated?.mongoDBVersion ?? c.flex?.mongoDBVersion ?? null,
    mongoDBMajorVersion: (c: ClusterModel) =>
      c.dedicated?.mongoDBMajorVersion ?? majorOf(c.flex?.mongoDBVersion),
    versionReleaseSystem: (c: ClusterModel) =>
      c.dedicated?.versionReleaseSystem ?? c.flex?.versionReleaseSystem ?? null,
    stateName: (c: ClusterModel) => c.dedicated?.stateName ?? c.flex?.stateName ?? null,
    createdAt: (c: ClusterModel) => c.dedicated?.createDate ?? c.flex?.createDate ?? null,
    paused: (c: ClusterModel) => c.dedicated?.paused ?? null,
    backupEnabled: (c: ClusterModel) =>
      c.dedicated?.backupEnabled ?? c.flex?.backupSettings?.enabled ?? null,
    pitEnabled: (c: ClusterModel) => c.dedicated?.pitEnabled ?? null,
    terminationProtectionEnabled: (c: ClusterModel) =>
      c.dedicated?.terminationProtectionEnabled ?? c.flex?.terminationProtectionEnabled ?? null,
    encryptionAtRestProvider: (c: ClusterModel) => c.dedicated?.encryptionAtRestProvider ?? null,
    redactClientLogData: (c: ClusterModel) => c.dedicated?.redactClientLogData ?? null,
    minimumTlsProtocol: (c: ClusterModel) =>
      c.dedicated?.advancedConfiguration?.minimumEnabledTlsProtocol ?? null,
    tlsCipherConfigMode: (c: ClusterModel) =>
      c.dedicated?.advancedConfiguration?.tlsCipherConfigMode ?? null,
    providers: clusterProviders,
    regions: clusterRegions,
    tags: (c: ClusterModel) => c.dedicated?.tags ?? c.flex?.tags ?? [],
  },
};

/** Takes "7.0" from "7.0.12"; null when there is no version. */
function majorOf(version: string | undefined): string | null {
  if (!version) return null;
  return version.split('.').slice(0, 2).join('.');
}
