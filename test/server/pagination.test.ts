import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { databaseUser, dataset, hexId, O1, org, orgUser, P2, project, T1 } from '../support/datasets.js';

const API = '/api/atlas/v2';

describe('lists longer than one Atlas page', () => {
  let stack: Stack;

  beforeAll(async () => {
    const members = Array.from({ length: 130 }, (_, i) => orgUser(i + 1));
    const projects = Array.from({ length: 250 }, (_, i) =>
      project(hexId('b', i + 1), O1, `p${String(i + 1).padStart(3, '0')}`),
    );
    projects[0].databaseUsers = Array.from({ length: 101 }, (_, i) =>
      databaseUser(projects[0].id, `db-user-${String(i + 1).padStart(3, '0')}`),
    );
    const organisation = org(O1, 'Org One', {
      users: members,
      teams: [{ id: T1, name: 'Team One', memberIds: members.map((user) => user.id) }],
    });
    stack = await startStack({ dataset: dataset([organisation], projects), env: { ATLAS_PAGE_SIZE: '100' } });
  });

  afterAll(() => stack.close());

  it('reads all 250 projects over three pages', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(`{ organisation(id: "${O1}") { projects(first: 500) { totalCount nodes { name } } } }`);
    const projects = result.data!.organisation.projects;
    expect(result.errors).toBeUndefined();
    expect(projects.totalCount).toBe(250);
    expect(new Set(projects.nodes.map((p: any) => p.name)).size).toBe(250);
    expect(projects.nodes[249].name).toBe('p250');
    expect(stack.calls()[`${API}/orgs/${O1}/groups`]).toBe(3);
  });

  it('reads all 130 team members and 101 database users', async () => {
    const result = await stack.query(`{
      team(orgId: "${O1}", id: "${T1}") { name members(first: 500) { totalCount nodes { username } } }
      project(id: "${hexId('b', 1)}") { databaseUsers(first: 500) { totalCount nodes { username } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.team.members.totalCount).toBe(130);
    expect(result.data!.team.members.nodes[129].username).toBe('user0130@example.com');
    expect(result.data!.project.databaseUsers.totalCount).toBe(101);
    expect(result.data!.project.databaseUsers.nodes[100].username).toBe('db-user-101');
  });

  it('pages a connection with first and after without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result = await stack.query(
        `query($after: String) { organisation(id: "${O1}") { projects(first: 100, after: $after) {
          nodes { name } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      const connection = result.data!.organisation.projects;
      seen.push(...connection.nodes.map((p: any) => p.name));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
  });

  it('rejects a malformed cursor and an oversized page', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(`{ organisation(id: "${O1}") {
      a: projects(after: "not-a-cursor") { totalCount }
      b: projects(first: 100000) { totalCount } } }`);
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(result.errors![0].message).toContain('Invalid cursor');
    expect(result.errors![1].message).toContain('from 0 to 500');
    // Only the organisation itself was read: neither bad page reached the project list.
    expect(stack.calls()).toEqual({ [`${API}/orgs/${O1}`]: 1 });
  });
});

describe('1,234 database users at the maximum page size', () => {
  let stack: Stack;

  beforeAll(async () => {
    const users = Array.from({ length: 1234 }, (_, i) => databaseUser(P2, `svc-${String(i).padStart(4, '0')}`));
    stack = await startStack({
      dataset: dataset([org(O1, 'Org One')], [project(P2, O1, 'big', { databaseUsers: users })]),
    });
  });

  afterAll(() => stack.close());

  it('reads three pages and reports the exact total', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(`{ project(id: "${P2}") {
      databaseUsers(first: 500, after: null) { totalCount nodes { username } pageInfo { hasNextPage } } } }`);
    const users = result.data!.project.databaseUsers;
    expect(users.totalCount).toBe(1234);
    expect(users.nodes).toHaveLength(500);
    expect(users.pageInfo.hasNextPage).toBe(true);
    expect(stack.calls()[`${API}/groups/${P2}/databaseUsers`]).toBe(3);
  });

  it('returns the last 234 users on the third connection page', async () => {
    const cursor = Buffer.from('offset:999').toString('base64url');
    const result = await stack.query(`{ project(id: "${P2}") {
      databaseUsers(first: 500, after: "${cursor}") { nodes { username } pageInfo { hasNextPage endCursor } } } }`);
    const users = result.data!.project.databaseUsers;
    expect(users.nodes).toHaveLength(234);
    expect(users.nodes[233].username).toBe('svc-1233');
    expect(users.pageInfo.hasNextPage).toBe(false);
  });
});

describe('empty organisation', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: dataset([org(O1, 'Empty Org')], []) });
  });

  afterAll(() => stack.close());

  it('returns empty connections, not errors', async () => {
    const result = await stack.query(`{ organisation(id: "${O1}") {
      name projects { totalCount nodes { id } pageInfo { hasNextPage endCursor } }
      users { totalCount } teams { totalCount } } }`);
    expect(result).toMatchObject({
      data: {
        organisation: {
          name: 'Empty Org',
          projects: { totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } },
          users: { totalCount: 0 },
          teams: { totalCount: 0 },
        },
      },
    });
    expect(result.errors).toBeUndefined();
  });
});
