import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { cluster, dataset, O1, org, P1, project } from '../support/datasets.js';
import { AtlasClient } from '../../src/atlas/client.js';
import { getAccessListEntry } from '../../src/atlas/resources/access-list.js';

const API = '/api/atlas/v2';

function fixture() {
  return dataset(
    [org(O1, 'Org One')],
    [
      project(P1, O1, 'first', {
        clusters: [cluster(P1, 'Cluster0', { encryptionAtRestProvider: 'AWS' })],
        flexClusters: [
          {
            groupId: P1,
            name: 'FlexA',
            mongoDBVersion: '8.0.4',
            stateName: 'IDLE',
            providerSettings: { providerName: 'FLEX', backingProviderName: 'AWS', regionName: 'US_EAST_1' },
          },
        ],
        databaseUsers: [
          {
            groupId: P1,
            username: 'CN=Zoë Müller,OU=Ops,O=Acme',
            databaseName: '$external',
            x509Type: 'CUSTOMER',
            roles: [{ roleName: 'read', databaseName: 'données' }],
            scopes: [{ name: 'Cluster0', type: 'CLUSTER' }],
          },
        ],
        accessList: [
          { groupId: P1, ipAddress: '203.0.113.7', cidrBlock: '203.0.113.7/32' },
          { groupId: P1, cidrBlock: '0.0.0.0/0', deleteAfterDate: '2031-01-01T00:00:00Z' },
          { groupId: P1, awsSecurityGroup: 'sg-0123456' },
          { groupId: P1, cidrBlock: '2001:db8::/32', comment: 'IPv6 office — Zürich' },
        ],
      }),
    ],
  );
}

describe('clusters of every kind', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture() });
  });

  afterAll(() => stack.close());

  it('lists dedicated and flex clusters together and tells them apart', async () => {
    const result = await stack.query(`{ project(id: "${P1}") {
      clusters { totalCount nodes { name kind providers encryptionAtRestProvider regions { providerName backingProviderName regionName electableNodes } } }
      flexOnly: clusters(kind: FLEX) { nodes { name } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project.clusters).toEqual({
      totalCount: 2,
      nodes: [
        {
          name: 'Cluster0',
          kind: 'DEDICATED',
          providers: ['AWS'],
          encryptionAtRestProvider: 'AWS',
          regions: [{ providerName: 'AWS', backingProviderName: null, regionName: 'US_EAST_1', electableNodes: 3 }],
        },
        {
          name: 'FlexA',
          kind: 'FLEX',
          providers: ['AWS'],
          encryptionAtRestProvider: null,
          regions: [{ providerName: 'FLEX', backingProviderName: 'AWS', regionName: 'US_EAST_1', electableNodes: 3 }],
        },
      ],
    });
    expect(result.data!.project.flexOnly.nodes).toEqual([{ name: 'FlexA' }]);
  });

  it('looks a flex cluster up by name through the flex endpoint', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(`{ cluster(projectId: "${P1}", name: "FlexA") { name kind mongoDBVersion mongoDBMajorVersion } }`);
    expect(result).toMatchObject({
      data: { cluster: { name: 'FlexA', kind: 'FLEX', mongoDBVersion: '8.0.4', mongoDBMajorVersion: '8.0' } },
    });
    expect(result.errors).toBeUndefined();
    expect(stack.calls()).toEqual({
      [`${API}/groups/${P1}/clusters/FlexA`]: 1,
      [`${API}/groups/${P1}/flexClusters/FlexA`]: 1,
    });
  });

  it('returns null for a cluster that does not exist', async () => {
    const result = await stack.query(`{ cluster(projectId: "${P1}", name: "nope") { name } }`);
    expect(result.data).toEqual({ cluster: null });
    expect(result.errors).toBeUndefined();
  });
});

describe('database users with unicode names', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture() });
  });

  afterAll(() => stack.close());

  it('looks up an X.509 user by its distinguished name', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(
      `query($username: String!) { databaseUser(projectId: "${P1}", databaseName: "$external", username: $username) {
        projectId username authenticationKind authenticationDetail scopedToAllClusters roles { roleName databaseName } } }`,
      { username: 'CN=Zoë Müller,OU=Ops,O=Acme' },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.databaseUser).toEqual({
      projectId: P1,
      username: 'CN=Zoë Müller,OU=Ops,O=Acme',
      authenticationKind: 'X509',
      authenticationDetail: 'CUSTOMER',
      scopedToAllClusters: false,
      roles: [{ roleName: 'read', databaseName: 'données' }],
    });
    const path = `${API}/groups/${P1}/databaseUsers/%24external/${encodeURIComponent('CN=Zoë Müller,OU=Ops,O=Acme')}`;
    expect(stack.calls()).toEqual({ [path]: 1 });
  });
});

describe('IP access list', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture() });
  });

  afterAll(() => stack.close());

  it('reads every entry form and flags the temporary open entry', async () => {
    const result = await stack.query(`{ project(id: "${P1}") { openToInternet ipAccessList {
      totalCount nodes { cidrBlock ipAddress awsSecurityGroup comment isTemporary isOpenToInternet } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project).toEqual({
      openToInternet: true,
      ipAccessList: {
        totalCount: 4,
        nodes: [
          { cidrBlock: '203.0.113.7/32', ipAddress: '203.0.113.7', awsSecurityGroup: null, comment: null, isTemporary: false, isOpenToInternet: false },
          { cidrBlock: '0.0.0.0/0', ipAddress: null, awsSecurityGroup: null, comment: null, isTemporary: true, isOpenToInternet: true },
          { cidrBlock: null, ipAddress: null, awsSecurityGroup: 'sg-0123456', comment: null, isTemporary: false, isOpenToInternet: false },
          { cidrBlock: '2001:db8::/32', ipAddress: null, awsSecurityGroup: null, comment: 'IPv6 office — Zürich', isTemporary: false, isOpenToInternet: false },
        ],
      },
    });
  });

  it('sends a CIDR entry lookup with the slash encoded as %2F', async () => {
    const client = new AtlasClient({
      baseUrl: stack.simulator.url,
      credential: { kind: 'apiKey', publicKey: 'pub-test', privateKey: 'priv-test' },
    });
    try {
      stack.simulator.resetCounters();
      const entry = await getAccessListEntry(client, P1, '0.0.0.0/0');
      expect(entry.cidrBlock).toBe('0.0.0.0/0');
      expect(Object.keys(stack.calls())).toEqual([`${API}/groups/${P1}/accessList/0.0.0.0%2F0`]);
    } finally {
      await client.close();
    }
  });
});
