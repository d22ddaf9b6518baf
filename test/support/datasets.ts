/**
 * Small hand-built simulator datasets for scenario tests. Ids follow one scheme: O1 is
 * aaaaaaaaaaaaaaaaaaaaaaa1, P1 is bbbbbbbbbbbbbbbbbbbbbbb1, and so on.
 */
import type { Dataset, DatasetOrganization, DatasetProject } from '../../src/simulator/dataset.js';
import type { AtlasCluster, AtlasDatabaseUser, OrgUser } from '../../src/atlas/types.js';

export const O1 = 'aaaaaaaaaaaaaaaaaaaaaaa1';
export const O2 = 'aaaaaaaaaaaaaaaaaaaaaaa2';
export const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
export const P2 = 'bbbbbbbbbbbbbbbbbbbbbbb2';
export const P3 = 'bbbbbbbbbbbbbbbbbbbbbbb3';
export const P9 = 'bbbbbbbbbbbbbbbbbbbbbbb9';
export const T1 = 'ccccccccccccccccccccccc1';

/** Makes a 24-hex id from a prefix digit and a number. */
export function hexId(prefix: string, n: number): string {
  return prefix + n.toString(16).padStart(23, '0');
}

/** Builds an organisation with no members, teams or keys unless given. */
export function org(id: string, name: string, extra: Partial<DatasetOrganization> = {}): DatasetOrganization {
  return { id, name, users: [], teams: [], apiKeys: [], serviceAccounts: [], ...extra };
}

/** Builds a project with nothing in it unless given. */
export function project(
  id: string,
  orgId: string,
  name: string,
  extra: Partial<DatasetProject> = {},
): DatasetProject {
  return {
    id,
    orgId,
    name,
    created: '2024-01-15T10:00:00Z',
    clusters: [],
    flexClusters: [],
    databaseUsers: [],
    customDbRoles: [],
    accessList: [],
    ...extra,
  };
}

/** Builds a dedicated M10 replica set on AWS. */
export function cluster(projectId: string, name: string, extra: Partial<AtlasCluster> = {}): AtlasCluster {
  return {
    id: hexId('d', name.length + name.charCodeAt(0)),
    groupId: projectId,
    name,
    clusterType: 'REPLICASET',
    mongoDBVersion: '7.0.14',
    mongoDBMajorVersion: '7.0',
    stateName: 'IDLE',
    paused: false,
    backupEnabled: true,
    pitEnabled: false,
    terminationProtectionEnabled: false,
    encryptionAtRestProvider: 'NONE',
    replicationSpecs: [
      {
        zoneName: 'Zone 1',
        regionConfigs: [
          {
            providerName: 'AWS',
            regionName: 'US_EAST_1',
            priority: 7,
            electableSpecs: { instanceSize: 'M10', nodeCount: 3 },
          },
        ],
      },
    ],
    ...extra,
  };
}

/** Builds a SCRAM database user with readWrite on `app`. */
export function databaseUser(projectId: string, username: string): AtlasDatabaseUser {
  return {
    groupId: projectId,
    username,
    databaseName: 'admin',
    roles: [{ roleName: 'readWrite', databaseName: 'app' }],
    scopes: [],
  };
}

/** Builds an active organisation member. */
export function orgUser(n: number, extra: Partial<OrgUser> = {}): OrgUser {
  return {
    id: hexId('e', n),
    username: `user${String(n).padStart(4, '0')}@example.com`,
    orgMembershipStatus: 'ACTIVE',
    roles: { orgRoles: ['ORG_MEMBER'], groupRoleAssignments: [] },
    teamIds: [],
    createdAt: '2024-01-01T00:00:00Z',
    firstName: 'User',
    lastName: String(n),
    lastAuth: '2026-11-01T00:00:00Z',
    ...extra,
  };
}

/** Builds a dataset with the standard test credential. */
export function dataset(organizations: DatasetOrganization[], projects: DatasetProject[]): Dataset {
  return {
    credentials: [{ publicKey: 'pub-test', privateKey: 'priv-test', orgIds: '*' }],
    organizations,
    projects,
  };
}
