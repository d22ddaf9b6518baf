/**
 * Cluster checks over one cluster description (dedicated, shared-tier or flex) and, for
 * dedicated clusters, its advanced configuration. Settings a tier does not have give
 * NOT_APPLICABLE.
 */
import type { AtlasCluster, AtlasFlexCluster, ProcessArgs } from '../../atlas/types.js';
import type { ClusterKind } from '../../loaders/models.js';
import { lifecycleOf, majorVersionOf } from '../lifecycle.js';
import type { CheckEnvironment, ClusterSnapshot } from '../snapshot.js';
import type { EvidenceSource, Loaded, Verdict } from '../types.js';
import { fieldAbsent, judgeLoaded, type Judgement } from './verdict.js';

type ClusterCheck = (snapshot: ClusterSnapshot, env: CheckEnvironment) => Verdict;

/** Judges per kind; a kind without a judge is NOT_APPLICABLE. */
function byKind(judges: {
  dedicated?: (
    cluster: AtlasCluster,
    snapshot: ClusterSnapshot,
    env: CheckEnvironment,
  ) => Judgement;
  flex?: (cluster: AtlasFlexCluster, env: CheckEnvironment) => Judgement;
  shared?: (cluster: AtlasCluster, env: CheckEnvironment) => Judgement;
}): ClusterCheck {
  return (snapshot, env) =>
    judgeLoaded([snapshot.cluster], (model) => {
      if (model.kind === 'DEDICATED' && judges.dedicated && model.dedicated) {
        return judges.dedicated(model.dedicated, snapshot, env);
      }
      if (model.kind === 'FLEX' && judges.flex && model.flex) return judges.flex(model.flex, env);
      if (model.kind === 'SHARED' && judges.shared && model.dedicated) {
        return judges.shared(model.dedicated, env);
      }
      return notApplicable(model.kind);
    });
}

function notApplicable(kind: ClusterKind): Judgement {
  const tiers: Record<ClusterKind, string> = {
    FLEX: 'Flex',
    SHARED: 'Shared-tier',
    DEDICATED: 'Dedicated',
  };
  const tier = tiers[kind];
  return {
    status: 'NOT_APPLICABLE',
    detail: `${tier} clusters have no such setting.`,
    values: { kind },
  };
}

/** Judges a boolean cluster field that must be true. */
function requireTrue(field: string, value: boolean | undefined, source: EvidenceSource): Judgement {
  if (value === undefined) return fieldAbsent(field, source);
  return {
    status: value ? 'PASS' : 'FAIL',
    detail: `${field} is ${value}.`,
    values: { [field]: value },
  };
}

/** Judges a boolean field on dedicated and shared-tier descriptions alike. */
function clusterFlag(field: 'backupEnabled' | 'pitEnabled' | 'redactClientLogData'): (
  cluster: AtlasCluster,
  snapshot: ClusterSnapshot,
) => Judgement {
  return (cluster, snapshot) => requireTrue(field, cluster[field], snapshot.cluster.source);
}

const encryptionAtRest = byKind({
  dedicated: (cluster, snapshot) => {
    const provider = cluster.encryptionAtRestProvider;
    if (provider === undefined) {
      return fieldAbsent('encryptionAtRestProvider', snapshot.cluster.source);
    }
    const values = { encryptionAtRestProvider: provider };
    if (provider === 'NONE') {
      return { status: 'FAIL', detail: 'encryptionAtRestProvider is NONE.', values };
    }
    return {
      status: 'PASS',
      detail: `Storage is encrypted with a customer key in ${provider}.`,
      values,
    };
  },
});

const cloudBackup: ClusterCheck = (snapshot, env) =>
  byKind({
    dedicated: clusterFlag('backupEnabled'),
    flex: (flex) => requireTrue(
      'backupSettings.enabled',
      flex.backupSettings?.enabled,
      snapshot.cluster.source,
    ),
  })(snapshot, env);

const terminationProtection: ClusterCheck = (snapshot, env) => {
  const judge = (value: boolean | undefined) =>
    requireTrue('terminationProtectionEnabled', value, snapshot.cluster.source);
  return byKind({
    dedicated: (cluster) => judge(cluster.terminationProtectionEnabled),
    shared: (cluster) => judge(cluster.terminationProtectionEnabled),
    flex: (flex) => judge(flex.terminationProtectionEnabled),
  })(snapshot, env);
};

const ACCEPTED_TLS = new Set(['TLS1_2', 'TLS1_3']);

/** Reads the TLS floor from the cluster description, else from the advanced configuration. */
const tlsMinimum = byKind({
  dedicated: (cluster, snapshot) => {
    const fromCluster = cluster.advancedConfiguration?.minimumEnabledTlsProtocol;
    if (fromCluster !== undefined) return judgeTls(fromCluster);
    const processArgs: Loaded<ProcessArgs> | undefined = snapshot.processArgs;
    if (!processArgs) return fieldAbsent('minimumEnabledTlsProtocol', snapshot.cluster.source);
    const { sources, ...judged } = judgeLoaded([processArgs], (args) =>
      args.minimumEnabledTlsProtocol === undefined
        ? fieldAbsent('minimumEnabledTlsProtocol', processArgs.source)
        : judgeTls(args.minimumEnabledTlsProtocol),
    );
    return { ...judged, extraSources: sources };
  },
});

function judgeTls(protocol: string): Judgement {
  const values = { minimumEnabledTlsProtocol: protocol };
  if (ACCEPTED_TLS.has(protocol)) {
    return { status: 'PASS', detail: `Minimum TLS is ${protocol}.`, values };
  }
  return {
    status: 'FAIL',
    detail: `Minimum TLS is ${protocol}; TLS1_2 or newer is required.`,
    values,
  };
}

/** Judges the major version against the lifecycle table at the evaluation time. */
function judgeVersion(
  version: string | undefined,
  releaseSystem: string | undefined,
  source: EvidenceSource,
  now: number,
): Judgement {
  const major = majorVersionOf(version);
  if (major === undefined) return fieldAbsent('mongoDBVersion', source);
  const values: Record<string, unknown> = {
    mongoDBVersion: version,
    major,
    versionReleaseSystem: releaseSystem ?? null,
  };
  // Atlas moves clusters on the rapid-release track to each new release itself.
  if (releaseSystem === 'CONTINUOUS') {
    return { status: 'PASS', detail: `Version ${major} follows Atlas rapid releases.`, values };
  }
  const entry = lifecycleOf(major);
  if (!entry) {
    const detail =
      `MongoDB ${major} is not in the lifecycle table, so its support cannot be judged.`;
    return { status: 'UNKNOWN', detail, values };
  }
  values.endOfLife = entry.endOfLife;
  values.endOfLifeUncertain = entry.uncertain;
  if (entry.endOfLife === null || Date.parse(`${entry.endOfLife}T23:59:59Z`) >= now) {
    return { status: 'PASS', detail: `MongoDB ${major} is supported.`, values };
  }
  return {
    status: 'FAIL',
    detail: `MongoDB ${major} reached end of life on ${entry.endOfLife}.`,
    values,
  };
}

const supportedVersion: ClusterCheck = (snapshot, env) => {
  const source = snapshot.cluster.source;
  return byKind({
    dedicated: (cluster) =>
      judgeVersion(
        cluster.mongoDBMajorVersion ?? cluster.mongoDBVersion,
        cluster.versionReleaseSystem,
        source,
        env.now,
      ),
    shared: (cluster) =>
      judgeVersion(
        cluster.mongoDBMajorVersion ?? cluster.mongoDBVersion,
        cluster.versionReleaseSystem,
        source,
        env.now,
      ),
    flex: (flex) => judgeVersion(flex.mongoDBVersion, flex.versionReleaseSystem, source, env.now),
  })(snapshot, env);
};

const autoScaling = byKind({
  dedicated: (cluster, snapshot) => {
    const regions = (cluster.replicationSpecs ?? []).flatMap((spec) => spec.regionConfigs);
    if (regions.length === 0 || regions.every((region) => region.autoScaling === undefined)) {
      return fieldAbsent('replicationSpecs[].regionConfigs[].autoScaling', snapshot.cluster.source);
    }
    const disabled = regions
      .filter(
        (region) => !region.autoScaling?.compute?.enabled || !region.autoScaling?.diskGB?.enabled,
      )
      .map((region) => ({
        regionName: region.regionName,
        compute: region.autoScaling?.compute?.enabled ?? false,
        diskGB: region.autoScaling?.diskGB?.enabled ?? false,
      }));
    const values = { regionsWithoutAutoScaling: disabled };
    if (disabled.length === 0) {
      return { status: 'PASS', detail: 'Storage and compute auto-scale in every region.', values };
    }
    return {
      status: 'FAIL',
      detail: `Regions without storage or compute auto-scaling: ${disabled.length}.`,
      values,
    };
  },
});

const electableNodes = byKind({
  dedicated: (cluster, snapshot) => {
    const specs = cluster.replicationSpecs;
    if (!specs || specs.length === 0) {
      return fieldAbsent('replicationSpecs', snapshot.cluster.source);
    }
    const counts = specs.map((spec, index) => ({
      zoneName: spec.zoneName ?? `replicationSpecs[${index}]`,
      electableNodes: spec.regionConfigs.reduce(
        (sum, region) => sum + (region.electableSpecs?.nodeCount ?? 0),
        0,
      ),
    }));
    const short = counts.filter((count) => count.electableNodes < 3);
    const values = { electableNodesPerShard: counts };
    if (short.length === 0) {
      return { status: 'PASS', detail: 'Every replica set has 3 or more electable nodes.', values };
    }
    return {
      status: 'FAIL',
      detail: `Replica sets with fewer than 3 electable nodes: ${short.length}.`,
      values,
    };
  },
});

/** Cluster evaluators keyed by catalogue id. */
export const clusterChecks: Record<string, ClusterCheck> = {
  'cluster.encryption-at-rest': encryptionAtRest,
  'cluster.cloud-backup': cloudBackup,
  'cluster.point-in-time-recovery': byKind({ dedicated: clusterFlag('pitEnabled') }),
  'cluster.termination-protection': terminationProtection,
  'cluster.tls-minimum': tlsMinimum,
  'cluster.client-log-redaction': byKind({ dedicated: clusterFlag('redactClientLogData') }),
  'cluster.supported-version': supportedVersion,
  'cluster.auto-scaling': autoScaling,
  'cluster.electable-nodes': electableNodes,
};
