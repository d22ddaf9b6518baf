import { describe, expect, it } from 'vitest';
import { clusterChecks } from '../../src/compliance/checks/clusters.js';
import { sourceOf } from '../../src/compliance/reads.js';
import type {
  AtlasCluster,
  AtlasFlexCluster,
  ProcessArgs,
  RegionConfig,
} from '../../src/atlas/types.js';
import { dedicatedClusterModel, flexClusterModel } from '../../src/loaders/models.js';
import { clusterSnapshot, denied, env, NOW, ok } from './helpers.js';

const CLUSTERS = sourceOf('/groups/{groupId}/clusters');
const PROJECT = 'bbbbbbbbbbbbbbbbbbbbbbb1';

function region(extra: Partial<RegionConfig> = {}): RegionConfig {
  return {
    providerName: 'AWS',
    regionName: 'EU_WEST_1',
    priority: 7,
    electableSpecs: { instanceSize: 'M10', nodeCount: 3 },
    autoScaling: { compute: { enabled: true }, diskGB: { enabled: true } },
    ...extra,
  };
}

/** Builds a dedicated cluster that passes every check. */
function compliant(extra: Partial<AtlasCluster> = {}): AtlasCluster {
  return {
    groupId: PROJECT,
    name: 'Cluster0',
    mongoDBMajorVersion: '8.0',
    mongoDBVersion: '8.0.4',
    versionReleaseSystem: 'LTS',
    backupEnabled: true,
    pitEnabled: true,
    terminationProtectionEnabled: true,
    encryptionAtRestProvider: 'AWS',
    redactClientLogData: true,
    advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2' },
    replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [region()] }],
    ...extra,
  };
}

const dedicated = (extra: Partial<AtlasCluster> = {}) => clusterSnapshot(
  dedicatedClusterModel(compliant(extra)),
);

const shared = clusterSnapshot(
  dedicatedClusterModel({
    groupId: PROJECT,
    name: 'Free',
    mongoDBMajorVersion: '8.0',
    terminationProtectionEnabled: false,
    replicationSpecs: [
      {
        regionConfigs: [
          { providerName: 'TENANT', backingProviderName: 'AWS', regionName: 'US_EAST_1' },
        ],
      },
    ],
  }),
);

function flex(extra: Partial<AtlasFlexCluster> = {}) {
  return clusterSnapshot(
    flexClusterModel({
      groupId: PROJECT,
      name: 'FlexA',
      mongoDBVersion: '8.0.4',
      versionReleaseSystem: 'LTS',
      terminationProtectionEnabled: true,
      backupSettings: { enabled: true },
      ...extra,
    }),
  );
}

const run = (id: string, snapshot = dedicated()) => clusterChecks[id](snapshot, env());

describe('cluster checks', () => {
  it('passes every check on a compliant dedicated cluster', () => {
    for (const id of Object.keys(clusterChecks)) expect(run(id).status, id).toBe('PASS');
  });

  it('fails each setting when it is off', () => {
    const cases: [string, Partial<AtlasCluster>][] = [
      ['cluster.encryption-at-rest', { encryptionAtRestProvider: 'NONE' }],
      ['cluster.cloud-backup', { backupEnabled: false }],
      ['cluster.point-in-time-recovery', { pitEnabled: false }],
      ['cluster.termination-protection', { terminationProtectionEnabled: false }],
      ['cluster.tls-minimum', { advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_1' } }],
      ['cluster.client-log-redaction', { redactClientLogData: false }],
      ['cluster.supported-version', { mongoDBMajorVersion: '6.0', mongoDBVersion: '6.0.20' }],
      [
        'cluster.auto-scaling',
        {
          replicationSpecs: [
            {
              regionConfigs: [
                region({
                  autoScaling: { compute: { enabled: false }, diskGB: { enabled: true } },
                }),
              ],
            },
          ],
        },
      ],
      [
        'cluster.electable-nodes',
        {
          replicationSpecs: [
            { regionConfigs: [region({ electableSpecs: { instanceSize: 'M10', nodeCount: 2 } })] },
          ],
        },
      ],
    ];
    for (const [id, change] of cases) expect(run(id, dedicated(change)).status, id).toBe('FAIL');
  });

  it('reports the values and source of a failed encryption check', () => {
    expect(
      run('cluster.encryption-at-rest', dedicated({ encryptionAtRestProvider: 'NONE' })),
    ).toEqual({
      status: 'FAIL',
      detail: 'encryptionAtRestProvider is NONE.',
      values: { encryptionAtRestProvider: 'NONE' },
      sources: [CLUSTERS],
    });
  });

  it('returns UNKNOWN when a judged field is absent', () => {
    const result = run('cluster.point-in-time-recovery', dedicated({ pitEnabled: undefined }));
    expect(result.status).toBe('UNKNOWN');
    expect(result.detail).toContain(
      'Atlas returned no pitEnabled from /groups/{groupId}/clusters (API version 2024-08-05)',
    );
    expect(
      run(
        'cluster.auto-scaling',
        dedicated({ replicationSpecs: [{ regionConfigs: [region({ autoScaling: undefined })] }] }),
      ).status,
    ).toBe('UNKNOWN');
  });

  it('reads the TLS floor from the advanced configuration when the description lacks it', () => {
    const snapshot = {
      ...dedicated({ advancedConfiguration: {} }),
      processArgs: ok(
        '/groups/{groupId}/clusters/{clusterName}/processArgs',
        { minimumEnabledTlsProtocol: 'TLS1_0' },
      ),
    };
    expect(run('cluster.tls-minimum', snapshot)).toEqual({
      status: 'FAIL',
      detail: 'Minimum TLS is TLS1_0; TLS1_2 or newer is required.',
      values: { minimumEnabledTlsProtocol: 'TLS1_0' },
      sources: [CLUSTERS, sourceOf('/groups/{groupId}/clusters/{clusterName}/processArgs')],
    });
    const deniedArgs = {
      ...snapshot,
      processArgs: denied<ProcessArgs>('/groups/{groupId}/clusters/{clusterName}/processArgs'),
    };
    const unknown = run('cluster.tls-minimum', deniedArgs);
    expect(unknown.status).toBe('UNKNOWN');
    expect(unknown.detail).toContain('processArgs (ATLAS_PERMISSION_DENIED');
  });

  it('judges versions against the lifecycle table at the evaluation time', () => {
    const seven = run('cluster.supported-version', dedicated({ mongoDBMajorVersion: '7.0' }));
    expect(seven.status).toBe('PASS');
    expect(seven.values).toEqual({
      mongoDBVersion: '7.0',
      major: '7.0',
      versionReleaseSystem: 'LTS',
      endOfLife: '2027-08-31',
      endOfLifeUncertain: true,
    });
    const afterEndOfLife = { ...env(), now: Date.parse('2027-09-01T00:00:00Z') };
    const seventy = dedicated({ mongoDBMajorVersion: '7.0' });
    const later = clusterChecks['cluster.supported-version'](seventy, afterEndOfLife);
    expect(later.status).toBe('FAIL');
    expect(run('cluster.supported-version', dedicated({ mongoDBMajorVersion: '5.0' })).detail).toBe(
      'MongoDB 5.0 reached end of life on 2024-10-31.',
    );
    expect(
      run('cluster.supported-version', dedicated({ mongoDBMajorVersion: '9.0' })).status,
    ).toBe('UNKNOWN');
    const rapid = dedicated({ mongoDBMajorVersion: '8.2', versionReleaseSystem: 'CONTINUOUS' });
    expect(run('cluster.supported-version', rapid).status).toBe('PASS');
    expect(NOW).toBeLessThan(Date.parse('2027-08-31'));
  });

  it('counts electable nodes per shard', () => {
    const sharded = dedicated({
      replicationSpecs: [
        { zoneName: 'Zone 1', regionConfigs: [region()] },
        {
          zoneName: 'Zone 2',
          regionConfigs: [
            region({ electableSpecs: { nodeCount: 1 } }),
            region({ regionName: 'EU_CENTRAL_1', electableSpecs: { nodeCount: 1 } }),
          ],
        },
      ],
    });
    expect(run('cluster.electable-nodes', sharded).values).toEqual({
      electableNodesPerShard: [
        { zoneName: 'Zone 1', electableNodes: 3 },
        { zoneName: 'Zone 2', electableNodes: 2 },
      ],
    });
  });

  it('gives flex clusters NOT_APPLICABLE where they lack the setting', () => {
    const statuses = Object.fromEntries(
      Object.keys(clusterChecks).map((id) => [id, run(id, flex()).status]),
    );
    expect(statuses).toEqual({
      'cluster.encryption-at-rest': 'NOT_APPLICABLE',
      'cluster.cloud-backup': 'PASS',
      'cluster.point-in-time-recovery': 'NOT_APPLICABLE',
      'cluster.termination-protection': 'PASS',
      'cluster.tls-minimum': 'NOT_APPLICABLE',
      'cluster.client-log-redaction': 'NOT_APPLICABLE',
      'cluster.supported-version': 'PASS',
      'cluster.auto-scaling': 'NOT_APPLICABLE',
      'cluster.electable-nodes': 'NOT_APPLICABLE',
    });
    expect(
      run('cluster.cloud-backup', flex({ backupSettings: { enabled: false } })).status,
    ).toBe('FAIL');
    expect(run('cluster.supported-version', flex({ mongoDBVersion: '6.0.3' })).status).toBe('FAIL');
    expect(
      run('cluster.encryption-at-rest', flex()).detail,
    ).toBe('Flex clusters have no such setting.');
  });

  it('gives shared-tier clusters NOT_APPLICABLE where they lack the setting', () => {
    const statuses = Object.fromEntries(
      Object.keys(clusterChecks).map((id) => [id, run(id, shared).status]),
    );
    expect(statuses).toEqual({
      'cluster.encryption-at-rest': 'NOT_APPLICABLE',
      'cluster.cloud-backup': 'NOT_APPLICABLE',
      'cluster.point-in-time-recovery': 'NOT_APPLICABLE',
      'cluster.termination-protection': 'FAIL',
      'cluster.tls-minimum': 'NOT_APPLICABLE',
      'cluster.client-log-redaction': 'NOT_APPLICABLE',
      'cluster.supported-version': 'PASS',
      'cluster.auto-scaling': 'NOT_APPLICABLE',
      'cluster.electable-nodes': 'NOT_APPLICABLE',
    });
  });

  it('returns UNKNOWN for every check when the cluster read failed', () => {
    const snapshot = { cluster: denied<never>('/groups/{groupId}/clusters') };
    for (const id of Object.keys(clusterChecks)) {
      expect(run(id, snapshot).status, id).toBe('UNKNOWN');
    }
  });
});
