import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { cluster, dataset, hexId, O1, org, project } from '../support/datasets.js';

const API = '/api/atlas/v2';
const projectIds = Array.from({ length: 20 }, (_, i) => hexId('b', i + 1));

describe('Atlas calls per query', () => {
  let stack: Stack;

  beforeAll(async () => {
    const projects = projectIds.map((id, i) =>
      project(id, O1, `project-${String(i + 1).padStart(2, '0')}`, {
        clusters: [cluster(id, 'alpha'), cluster(id, 'beta'), cluster(id, 'gamma')],
      }),
    );
    stack = await startStack({ dataset: dataset([org(O1, 'Org One')], projects) });
  });

  afterAll(() => stack.close());

  it('reads only the project lists when a query asks for project names', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query('{ organisations { nodes { name projects { nodes { name } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisations.nodes[0].projects.nodes).toHaveLength(20);
    expect(result.data!.organisations.nodes[0].projects.nodes[19].name).toBe('project-20');
    expect(stack.calls()).toEqual({ [`${API}/orgs`]: 1, [`${API}/orgs/${O1}/groups`]: 1 });
  });

  it('makes one cluster-list call per project, not one per cluster', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(
      '{ organisations { nodes { projects { nodes { clusters { totalCount nodes { name kind } } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const projects = result.data!.organisations.nodes[0].projects.nodes;
    expect(projects.map((p: any) => p.clusters.totalCount)).toEqual(Array(20).fill(3));
    const expected: Record<string, number> = { [`${API}/orgs`]: 1, [`${API}/orgs/${O1}/groups`]: 1 };
    for (const id of projectIds) {
      expected[`${API}/groups/${id}/clusters`] = 1;
      expected[`${API}/groups/${id}/flexClusters`] = 1;
    }
    expect(stack.calls()).toEqual(expected);
  });

  it('never repeats an identical call within one operation', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(`{
      a: project(id: "${projectIds[0]}") { name clusters { totalCount } }
      b: project(id: "${projectIds[0]}") { id organisation { name } clusters { nodes { name } } }
      c: cluster(projectId: "${projectIds[0]}", name: "beta") { name kind }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.clusters.totalCount).toBe(3);
    expect(result.data!.b.organisation.name).toBe('Org One');
    expect(result.data!.c).toEqual({ name: 'beta', kind: 'DEDICATED' });
    expect(stack.calls()).toEqual({
      [`${API}/groups/${projectIds[0]}`]: 1,
      [`${API}/orgs/${O1}`]: 1,
      [`${API}/groups/${projectIds[0]}/clusters`]: 1,
      [`${API}/groups/${projectIds[0]}/flexClusters`]: 1,
      [`${API}/groups/${projectIds[0]}/clusters/beta`]: 1,
    });
  });

  it('reports the call count in the response extensions', async () => {
    const result = await stack.query(`{ project(id: "${projectIds[1]}") { name } }`);
    expect(result.data!.project.name).toBe('project-02');
    expect(result.extensions!.atlas).toMatchObject({ atlasCalls: 1, cacheHits: 0 });
  });
});

describe('cross-request cache', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      dataset: dataset([org(O1, 'Org One')], [project(projectIds[0], O1, 'cached')]),
      env: { ATLAS_CACHE_TTL_MS: '60000' },
    });
  });

  afterAll(() => stack.close());

  it('answers a repeated query from the cache without Atlas requests', async () => {
    const query = `{ project(id: "${projectIds[0]}") { name } }`;
    const first = await stack.query(query);
    stack.simulator.resetCounters();
    const second = await stack.query(query);
    expect(second.data).toEqual(first.data);
    expect(second.data!.project.name).toBe('cached');
    expect(stack.calls()).toEqual({});
    expect(second.extensions!.atlas).toMatchObject({ atlasCalls: 1, cacheHits: 1, httpRequests: 0 });
  });
});
