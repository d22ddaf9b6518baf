/**
 * Security fields of `Cluster`: advanced configuration and backup schedule. Both endpoints
 * serve dedicated clusters only, so other kinds return null without an Atlas call.
 */
import { getBackupSchedule, getProcessArgs } from '../../atlas/resources/clusters.js';
import type { ClusterModel } from '../../loaders/models.js';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import { policyItem } from './project.js';

/** Resolvers of the cluster security types. */
export const clusterSecurityResolvers: Resolvers = {
  Cluster: {
    advancedConfiguration: async (cluster: ClusterModel, _: unknown, ctx: GraphQLContext) => {
      // Atlas does not serve processArgs for flex and shared-tier (M0/M2/M5) clusters.
      if (cluster.kind !== 'DEDICATED') return null;
      const args = await getProcessArgs(ctx.atlas, cluster.projectId, cluster.name);
      return {
        minimumEnabledTlsProtocol: args.minimumEnabledTlsProtocol ?? null,
        tlsCipherConfigMode: args.tlsCipherConfigMode ?? null,
        javascriptEnabled: args.javascriptEnabled ?? null,
        noTableScan: args.noTableScan ?? null,
        defaultWriteConcern: args.defaultWriteConcern ?? null,
        oplogMinRetentionHours: args.oplogMinRetentionHours ?? null,
      };
    },

    backupSchedule: async (cluster: ClusterModel, _: unknown, ctx: GraphQLContext) => {
      // A cluster without cloud backup has no schedule to report.
      if (cluster.kind !== 'DEDICATED' || cluster.dedicated?.backupEnabled !== true) return null;
      const schedule = await getBackupSchedule(ctx.atlas, cluster.projectId, cluster.name);
      return {
        restoreWindowDays: schedule.restoreWindowDays ?? null,
        policies: (schedule.policies ?? []).map((policy) => ({
          id: policy.id ?? null,
          policyItems: (policy.policyItems ?? []).map(policyItem),
        })),
        copySettings: (schedule.copySettings ?? []).map((copy) => ({
          cloudProvider: copy.cloudProvider ?? null,
          regionName: copy.regionName ?? null,
          shouldCopyOplogs: copy.shouldCopyOplogs ?? null,
        })),
      };
    },
  },
};
