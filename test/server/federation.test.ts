import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { cluster, databaseUser, dataset, O1, org, orgUser, P1, P2, P3, P9, project, T1 } from '../support/datasets.js';

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Organisation { id name }
    ... on Project { id name }
    ... on Cluster { projectId name kind }
    ... on DatabaseUser { projectId databaseName username }
    ... on Team { orgId id teamName: name }
    ... on OrganisationUser { id username orgRoles }
  }
}`;

function fixture() {
  const alice = orgUser(1, { username: 'alice@example.com', roles: { orgRoles: ['ORG_OWNER'] } });
  // Items are stored in reverse name order so positional mistakes cannot pass by accident.
  return dataset(
    [org(O1, 'Org One', { users: [alice], teams: [{ id: T1, name: 'Team One', memberIds: [alice.id] }] })],
    [
      project(P1, O1, 'first', {
        clusters: [cluster(P1, 'c-b'), cluster(P1, 'c-a')],
        databaseUsers: [databaseUser(P1, 'zed'), databaseUser(P1, 'amy')],
      }),
      project(P2, O1, 'second'),
      project(P3, O1, 'third'),
    ],
  );
}

describe('federation entities', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture() });
  });

  afterAll(() => stack.close());

  it('returns entities in representation order across types', async () => {
    const result = await stack.query(ENTITIES, {
      representations: [
        { __typename: 'Cluster', projectId: P1, name: 'c-a' },
        { __typename: 'Project', id: P2 },
        { __typename: 'Cluster', projectId: P1, name: 'c-b' },
        { __typename: 'Project', id: P1 },
      ],
    });
    expect(result).toEqual({
      data: {
        _entities: [
          { __typename: 'Cluster', projectId: P1, name: 'c-a', kind: 'DEDICATED' },
          { __typename: 'Project', id: P2, name: 'second' },
          { __typename: 'Cluster', projectId: P1, name: 'c-b', kind: 'DEDICATED' },
          { __typename: 'Project', id: P1, name: 'first' },
        ],
      },
      extensions: expect.any(Object),
    });
  });

  it('reads one cluster list per project for a batch of cluster references', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(ENTITIES, {
      representations: [
        { __typename: 'Cluster', projectId: P1, name: 'c-b' },
        { __typename: 'Cluster', projectId: P1, name: 'c-a' },
        { __typename: 'Cluster', projectId: P1, name: 'c-missing' },
        { __typename: 'Cluster', projectId: P9, name: 'c-a' },
        { __typename: 'Cluster', projectId: P9, name: 'c-b' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((entity: any) => entity?.name ?? null)).toEqual(['c-b', 'c-a', null, null, null]);
    expect(stack.calls()).toEqual({
      [`/api/atlas/v2/groups/${P1}/clusters`]: 1,
      [`/api/atlas/v2/groups/${P1}/flexClusters`]: 1,
      [`/api/atlas/v2/groups/${P9}/clusters`]: 1,
      [`/api/atlas/v2/groups/${P9}/flexClusters`]: 1,
    });
  });

  it('resolves every entity type and nulls unknown keys without errors', async () => {
    const result = await stack.query(ENTITIES, {
      representations: [
        { __typename: 'Organisation', id: O1 },
        { __typename: 'Organisation', id: 'not-an-id' },
        { __typename: 'DatabaseUser', projectId: P1, databaseName: 'admin', username: 'amy' },
        { __typename: 'DatabaseUser', projectId: P1, databaseName: 'admin', username: 'nobody' },
        { __typename: 'Team', orgId: O1, id: T1 },
        { __typename: 'Team', orgId: O1, id: 'ccccccccccccccccccccccc9' },
        { __typename: 'OrganisationUser', username: 'ALICE@example.com' },
        { __typename: 'OrganisationUser', id: 'eeeeeeeeeeeeeeeeeeeeeee9' },
        { __typename: 'Cluster', projectId: P1, name: 'missing' },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { __typename: 'Organisation', id: O1, name: 'Org One' },
      null,
      { __typename: 'DatabaseUser', projectId: P1, databaseName: 'admin', username: 'amy' },
      null,
      { __typename: 'Team', orgId: O1, id: T1, teamName: 'Team One' },
      null,
      { __typename: 'OrganisationUser', id: fixture().organizations[0].users[0].id, username: 'alice@example.com', orgRoles: ['ORG_OWNER'] },
      null,
      null,
    ]);
  });

  it('keeps sibling entities when one reference fails upstream', async () => {
    stack.simulator.addFault({
      match: { path: `/api/atlas/v2/groups/${P2}` },
      response: { status: 500, body: { error: 500, errorCode: 'UNEXPECTED_ERROR', reason: 'Internal Server Error' } },
    });
    try {
      const result = await stack.query(ENTITIES, {
        representations: [
          { __typename: 'Project', id: P1 },
          { __typename: 'Project', id: P9 },
          { __typename: 'Project', id: P2 },
        ],
      });
      expect(result.data!._entities).toEqual([{ __typename: 'Project', id: P1, name: 'first' }, null, null]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].path).toEqual(['_entities', 2]);
      expect(result.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
    } finally {
      stack.simulator.clearFaults();
    }
  });
});

describe('subgraph SDL in production mode', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture(), env: { NODE_ENV: 'production' } });
  });

  afterAll(() => stack.close());

  it('serves _service.sdl with the federation link and every entity key', async () => {
    const result = await stack.query('{ _service { sdl } }');
    // The printer may break directives onto their own lines, so compare with spaces collapsed.
    const sdl: string = result.data!._service.sdl.replace(/\s+/g, ' ');
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.');
    for (const key of [
      'type Organisation @key(fields: "id")',
      'type Project @key(fields: "id")',
      'type Cluster @key(fields: "projectId name")',
      'type DatabaseUser @key(fields: "projectId databaseName username")',
      'type Team @key(fields: "orgId id")',
      'type OrganisationUser @key(fields: "id") @key(fields: "username")',
    ]) {
      expect(sdl).toContain(key);
    }
  });

  it('refuses introspection when it is off', async () => {
    const result = await stack.query('{ __schema { queryType { name } } }');
    expect(result.data).toBeUndefined();
    expect(result.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toContain('set GRAPHQL_INTROSPECTION=true');
  });
});
