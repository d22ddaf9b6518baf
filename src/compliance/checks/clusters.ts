/**
 * Cluster checks over one cluster description (dedicated, shared-tier or flex) and, for
 * dedicated clusters, its advanced configuration. Settings a tier does not have give
 * NOT_APPLICABLE.
 */
import type {
  AtlasCluster,
  AtlasFlexCluster,
  ProcessArgs,
  RegionConfig,
  ReplicationSpec,
} from '../../atlas/types.js';
import type { ClusterKind } from '../../loaders/models.js';
import { lifecycleOf, majorVersionOf } from '../lifecycle.js';
import type { CheckEnvironment, ClusterSnapshot } from '../snapshot.js';
import type { EvidenceSource, Loaded, Verdict } from '../types.js';
import {
  fieldAbsent,
  hasType,
  itemLabel,
  jsonTypeOf,
  judgeItems,
  judgeLoaded,
  readField,
  unusable,
  type Judgement,
  type UnjudgedItem,
} from './verdict.js';

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
function requireTrue(field: string, value: unknown, source: EvidenceSource): Judgement {
  const read = readField<boolean>(value, field, 'boolean', source);
  if (!read.ok) return read.judgement;
  return {
    status: read.value ? 'PASS' : 'FAIL',
    detail: `${field} is ${read.value}.`,
    values: { [field]: read.value },
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
    const read = readField<string>(
      cluster.encryptionAtRestProvider,
      'encryptionAtRestProvider',
      'string',
      snapshot.cluster.source,
    );
    if (!read.ok) return read.judgement;
    const provider = read.value;
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

/** Judges the TLS floor as one source returned it: absent, mistyped or a protocol name. */
function judgeTlsField(value: unknown, source: EvidenceSource): Judgement {
  const read = readField<string>(value, 'minimumEnabledTlsProtocol', 'string', source);
  return read.ok ? judgeTls(read.value) : read.judgement;
}

/** Reads the TLS floor from the cluster description, else from the advanced configuration. */
const tlsMinimum = byKind({
  dedicated: (cluster, snapshot) => {
    const fromCluster = cluster.advancedConfiguration?.minimumEnabledTlsProtocol;
    if (fromCluster != null) return judgeTlsField(fromCluster, snapshot.cluster.source);
    const processArgs: Loaded<ProcessArgs> | undefined = snapshot.processArgs;
    if (!processArgs) return fieldAbsent('minimumEnabledTlsProtocol', snapshot.cluster.source);
    const { sources, ...judged } = judgeLoaded([processArgs], (args) =>
      judgeTlsField(args.minimumEnabledTlsProtocol, processArgs.source),
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

/**
 * Judges the major version against the lifecycle table at the evaluation time. A version past
 * end of life fails only when versionReleaseSystem was returned, because a cluster on the
 * rapid-release track passes whatever its version.
 */
function judgeVersion(
  version: unknown,
  releaseSystem: unknown,
  source: EvidenceSource,
  now: number,
): Judgement {
  const major = typeof version === 'string' ? majorVersionOf(version) : undefined;
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

  if (!hasType(releaseSystem, 'string')) {
    return { ...fieldAbsent('versionReleaseSystem', source), values };
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

/** Returns the region configurations of every replication spec, or undefined if one has none. */
function regionConfigsOf(cluster: AtlasCluster): RegionConfig[] | undefined {
  const specs: unknown = cluster.replicationSpecs;
  if (!Array.isArray(specs) || specs.length === 0) return undefined;
  const regions: RegionConfig[] = [];
  for (const spec of specs as Partial<ReplicationSpec>[]) {
    const configs: unknown = spec?.regionConfigs;
    if (!Array.isArray(configs) || configs.length === 0) return undefined;
    regions.push(...(configs as RegionConfig[]));
  }
  return regions;
}

const autoScaling = byKind({
  dedicated: (cluster, snapshot) => {
    const source = snapshot.cluster.source;
    const regions = regionConfigsOf(cluster);
    if (!regions) return fieldAbsent('replicationSpecs[].regionConfigs', source);
    const disabled: Record<string, unknown>[] = [];
    const unjudged: UnjudgedItem[] = [];
    regions.forEach((region, index) => {
      const item = itemLabel(region?.regionName, index);
      const compute: unknown = region?.autoScaling?.compute?.enabled;
      const diskGB: unknown = region?.autoScaling?.diskGB?.enabled;
      const flags = {
        'autoScaling.compute.enabled': compute,
        'autoScaling.diskGB.enabled': diskGB,
      };
      for (const [field, value] of Object.entries(flags)) {
        const problem = unusable(item, field, value, 'boolean');
        if (problem) unjudged.push(problem);
      }
      // A region with one flag false fails even when the other flag is unusable.
      if (compute === false || diskGB === false) {
        disabled.push({ regionName: region.regionName, compute, diskGB });
      }
    });
    return judgeItems(
      disabled,
      [{ source, total: regions.length, unjudged }],
      'Storage and compute auto-scale in every region.',
      `Regions without storage or compute auto-scaling: ${disabled.length}.`,
      { regionsWithoutAutoScaling: disabled },
    );
  },
});

/** Sums the electable nodes of one replication spec, noting the first unusable node count. */
function electableNodesOf(spec: Partial<ReplicationSpec> | null, item: string) {
  const configs: unknown = spec?.regionConfigs;
  if (!Array.isArray(configs) || configs.length === 0) {
    return { count: 0, problem: { item, field: 'regionConfigs', found: jsonTypeOf(configs) } };
  }
  let count = 0;
  let problem: UnjudgedItem | undefined;
  for (const region of configs as Partial<RegionConfig>[]) {
    const nodeCount: unknown = region?.electableSpecs?.nodeCount;
    if (typeof nodeCount === 'number') {
      count += nodeCount;
    } else {
      const field = 'regionConfigs[].electableSpecs.nodeCount';
      problem ??= { item, field, found: jsonTypeOf(nodeCount) };
    }
  }
  return { count, problem };
}

const electableNodes = byKind({
  dedicated: (cluster, snapshot) => {
    const source = snapshot.cluster.source;
    const specs: unknown = cluster.replicationSpecs;
    if (!Array.isArray(specs) || specs.length === 0) return fieldAbsent('replicationSpecs', source);
    const counts: { zoneName: string; electableNodes: number }[] = [];
    const short: string[] = [];
    const unjudged: UnjudgedItem[] = [];
    (specs as (Partial<ReplicationSpec> | null)[]).forEach((spec, index) => {
      const zone: unknown = spec?.zoneName;
      const zoneName = typeof zone === 'string' ? zone : `replicationSpecs[${index}]`;
      const { count, problem } = electableNodesOf(spec, zoneName);
      counts.push({ zoneName, electableNodes: count });
      if (count >= 3) return;
      // An unusable node count can only add nodes, so it matters only below three known nodes.
      if (problem) unjudged.push(problem);
      else short.push(zoneName);
    });
    return judgeItems(
      short,
      [{ source, total: counts.length, unjudged }],
      'Every replica set has 3 or more electable nodes.',
      `Replica sets with fewer than 3 electable nodes: ${short.length}.`,
      { electableNodesPerShard: counts },
    );
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
