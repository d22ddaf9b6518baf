/**
 * Small builders shared by the demo estate and the generator: fixed-width ids, dates relative
 * to a clock, and default shapes for clusters and users.
 */
import type { AtlasCluster, AtlasDatabaseUser, RegionConfig } from '../atlas/types.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Builds a 24-hex id from a hex prefix and a number, so ids are fixed and readable. */
export function hexId(prefix: string, n: number): string {
  return prefix + n.toString(16).padStart(24 - prefix.length, '0');
}

/** Formats epoch milliseconds as Atlas does: ISO 8601 UTC without milliseconds. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Returns ISO time strings relative to `now`, in days. */
export function relativeDates(now: number) {
  return {
    daysAgo: (days: number) => isoTime(now - days * DAY_MS),
    daysAhead: (days: number) => isoTime(now + days * DAY_MS),
  };
}

/** Settings of one dedicated or tenant cluster, as the builders take them. */
export interface ClusterSpec {
  id: string;
  groupId: string;
  name: string;
  createDate: string;
  instanceSize: string;
  providerName: string;
  regionName: string;
  mongoDBVersion: string;
  shards?: number;
  nodeCount?: number;
  backingProviderName?: string;
  autoScaling?: boolean;
}

function regionConfig(spec: ClusterSpec): RegionConfig {
  const tenant = spec.providerName === 'TENANT';
  const config: RegionConfig = {
    providerName: spec.providerName,
    regionName: spec.regionName,
    priority: 7,
    electableSpecs: tenant
      ? { instanceSize: spec.instanceSize }
      : { instanceSize: spec.instanceSize, nodeCount: spec.nodeCount ?? 3, diskSizeGB: 40 },
  };
  if (spec.backingProviderName) config.backingProviderName = spec.backingProviderName;
  if (!tenant) {
    config.autoScaling = {
      compute: spec.autoScaling
        ? { enabled: true, scaleDownEnabled: true, minInstanceSize: spec.instanceSize,
          maxInstanceSize: 'M60' }
        : { enabled: false, scaleDownEnabled: false },
      diskGB: { enabled: spec.autoScaling ?? false },
    };
  }
  return config;
}

/** Builds a `ClusterDescription20240805`; `extra` sets the security-relevant fields. */
export function buildCluster(spec: ClusterSpec, extra: Partial<AtlasCluster>): AtlasCluster {
  const shards = spec.shards ?? 1;
  const host = `${spec.name}.${spec.id.slice(-5)}.mongodb.net`;
  return {
    id: spec.id,
    groupId: spec.groupId,
    name: spec.name,
    createDate: spec.createDate,
    clusterType: shards > 1 ? 'SHARDED' : 'REPLICASET',
    mongoDBVersion: spec.mongoDBVersion,
    mongoDBMajorVersion: spec.mongoDBVersion.split('.').slice(0, 2).join('.'),
    versionReleaseSystem: 'LTS',
    paused: false,
    stateName: 'IDLE',
    connectionStrings: { standardSrv: `mongodb+srv://${host}` },
    replicationSpecs: Array.from({ length: shards }, (_, shard) => ({
      id: hexId(spec.id.slice(0, 20), shard + 1),
      zoneId: hexId(spec.id.slice(0, 18) + 'ff', 1),
      zoneName: 'Zone 1',
      regionConfigs: [regionConfig(spec)],
    })),
    ...extra,
  };
}

/** Auth-type fields of a SCRAM (password) database user. */
export const SCRAM = { awsIAMType: 'NONE', ldapAuthType: 'NONE', x509Type: 'NONE',
  oidcAuthType: 'NONE' } as const;

/** Builds a SCRAM database user with the given roles on one database. */
export function scramUser(
  groupId: string,
  username: string,
  roleName: string,
  databaseName: string,
  extra: Partial<AtlasDatabaseUser> = {},
): AtlasDatabaseUser {
  return { username, databaseName: 'admin', groupId, roles: [{ roleName, databaseName }],
    scopes: [], labels: [], ...SCRAM, ...extra };
}
