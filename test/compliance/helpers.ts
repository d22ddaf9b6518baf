/**
 * Builders for compliance snapshots in unit tests: successful and failed reads with the
 * provenance the loaders would record.
 */
import { defaultComplianceConfig, type ComplianceConfig } from '../../src/compliance/config.js';
import { sourceOf } from '../../src/compliance/reads.js';
import type {
  CheckEnvironment,
  ClusterSnapshot,
  OrganisationSnapshot,
  ProjectSnapshot,
} from '../../src/compliance/snapshot.js';
import type { Loaded } from '../../src/compliance/types.js';
import type { ClusterModel } from '../../src/loaders/models.js';

/** Evaluation time used by every unit test: 2026-06-01T00:00:00Z. */
export const NOW = Date.parse('2026-06-01T00:00:00Z');

/** ISO time `days` before NOW (negative for the future). */
export function daysAgo(days: number): string {
  return new Date(NOW - days * 86_400_000).toISOString();
}

/** Builds a successful read of `template`. */
export function ok<T>(template: string, value: T): Loaded<T> {
  return { ok: true, value, source: sourceOf(template) };
}

/** Builds a read of `template` that Atlas rejected with 401 USER_UNAUTHORIZED. */
export function denied<T>(template: string): Loaded<T> {
  return {
    ok: false,
    reason:
      `Could not read ${template} ` +
      '(ATLAS_PERMISSION_DENIED, HTTP 401 USER_UNAUTHORIZED): grant a role.',
    errorCode: 'ATLAS_PERMISSION_DENIED',
    source: sourceOf(template),
  };
}

/** Builds the check environment with default thresholds, optionally overridden. */
export function env(overrides: Partial<ComplianceConfig> = {}): CheckEnvironment {
  return { config: { ...defaultComplianceConfig, ...overrides }, now: NOW };
}

/** Builds an organisation snapshot where everything is readable and empty unless given. */
export function orgSnapshot(overrides: Partial<OrganisationSnapshot> = {}): OrganisationSnapshot {
  return {
    org: { id: 'aaaaaaaaaaaaaaaaaaaaaaa1', name: 'Org One' },
    settings: ok('/orgs/{orgId}/settings', {}),
    federation: denied('/orgs/{orgId}/federationSettings'),
    users: ok('/orgs/{orgId}/users', []),
    apiKeys: ok('/orgs/{orgId}/apiKeys', []),
    apiKeyAccessLists: {},
    serviceAccounts: ok('/orgs/{orgId}/serviceAccounts', []),
    ...overrides,
  };
}

/** Builds a project snapshot where everything is readable and empty unless given. */
export function projectSnapshot(overrides: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return {
    project: {
      id: 'bbbbbbbbbbbbbbbbbbbbbbb1',
      name: 'P1',
      orgId: 'aaaaaaaaaaaaaaaaaaaaaaa1',
      created: '2024-01-01T00:00:00Z',
      clusterCount: 0,
    },
    clusters: ok('/groups/{groupId}/clusters', []),
    databaseUsers: ok('/groups/{groupId}/databaseUsers', []),
    customRoles: ok('/groups/{groupId}/customDBRoles/roles', []),
    accessList: ok('/groups/{groupId}/accessList', []),
    auditLog: ok('/groups/{groupId}/auditLog', {}),
    encryptionAtRest: ok('/groups/{groupId}/encryptionAtRest', {}),
    privateEndpoints: ok('/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService', []),
    peers: ok('/groups/{groupId}/peers', []),
    ...overrides,
  };
}

/** Builds a cluster snapshot for `model`, read from the endpoint of its kind. */
export function clusterSnapshot(
  model: ClusterModel,
  extra: Partial<ClusterSnapshot> = {},
): ClusterSnapshot {
  const template =
    model.kind === 'FLEX' ? '/groups/{groupId}/flexClusters' : '/groups/{groupId}/clusters';
  return { cluster: ok(template, model), ...extra };
}
