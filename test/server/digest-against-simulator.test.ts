import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/client.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { dataset, hexId, O1, org, project } from '../support/datasets.js';

const projectIds = Array.from({ length: 50 }, (_, i) => hexId('b', i + 1));

describe('client digest auth against the strict simulator', () => {
  let simulator: RunningSimulator;
  let client: AtlasClient;

  beforeAll(async () => {
    const projects = projectIds.map((id, i) => project(id, O1, `p-${i}`));
    simulator = await startSimulator({ dataset: dataset([org(O1, 'Org One')], projects), port: 0, nonceTtlMs: 500 });
    client = new AtlasClient({
      baseUrl: simulator.url,
      credential: { kind: 'apiKey', publicKey: 'pub-test', privateKey: 'priv-test' },
    });
  });

  afterAll(async () => {
    await client.close();
    await simulator.close();
  });

  it('completes 50 parallel requests on one key with one challenge', async () => {
    simulator.resetCounters();
    const projects = await Promise.all(projectIds.map((id) => client.get<{ id: string }>(`/groups/${id}`)));
    expect(projects.map((p) => p.id)).toEqual(projectIds);
    const counters = simulator.counters();
    expect(counters.challenges).toBe(1);
    expect(counters.total).toBe(51);
  });

  it('renews an expired nonce without surfacing an error', async () => {
    await client.get(`/groups/${projectIds[0]}`);
    await new Promise((resolve) => setTimeout(resolve, 700));
    simulator.resetCounters();
    const renewed = await Promise.all(projectIds.slice(0, 10).map((id) => client.get<{ id: string }>(`/groups/${id}`)));
    expect(renewed.map((p) => p.id)).toEqual(projectIds.slice(0, 10));
    const counters = simulator.counters();
    // Every request that still carried the expired nonce got one stale challenge, then succeeded.
    expect(counters.challenges).toBeGreaterThanOrEqual(1);
    expect(counters.challenges).toBeLessThanOrEqual(10);
    expect(counters.total).toBe(10 + counters.challenges);
  });
});
