import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/simulator/demo.js';
import { demoDataset } from '../../src/simulator/generate.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { DigestTestClient } from './digest-client.js';

const V2 = '/api/atlas/v2';
const CLUSTERS = `${V2}/groups/${DEMO_IDS.prodPayments}/clusters`;

describe('simulator faults', () => {
  let simulator: RunningSimulator;
  let client: DigestTestClient;

  beforeAll(async () => {
    simulator = await startSimulator({ dataset: demoDataset(), rateLimit: false });
    client = new DigestTestClient(simulator.url);
  });
  afterAll(() => simulator.close());
  afterEach(() => simulator.clearFaults());

  it('replaces the response the given number of times', async () => {
    const body = { error: 429, errorCode: 'RATE_LIMITED', reason: 'Too Many Requests' };
    simulator.addFault({ match: { path: CLUSTERS }, times: 1,
      response: { status: 429, body, headers: { 'Retry-After': '2' } } });
    const faulted = await client.getJson(CLUSTERS);
    expect(faulted.status).toBe(429);
    expect(faulted.body).toEqual(body);
    expect(faulted.headers.get('retry-after')).toBe('2');
    const normal = await client.getJson(CLUSTERS);
    expect(normal.status).toBe(200);
    expect(normal.body.results[0].name).toBe('payments-prod');
  });

  it('matches a RegExp path and a page number', async () => {
    simulator.addFault({ match: { path: '^/api/atlas/v2/groups/[a-f0-9]{24}/clusters$',
      pageNum: 2 },
      response: { status: 503 } });
    expect((await client.getJson(CLUSTERS)).status).toBe(200);
    const second = await client.getJson(`${CLUSTERS}?pageNum=2`);
    expect(second.status).toBe(503);
    expect(second.body).toEqual({ error: 503, reason: 'Service Unavailable',
      detail: 'Fault injected by the Atlas simulator.', parameters: [] });
  });

  it('matches only the given public key', async () => {
    simulator.addFault({ match: { path: CLUSTERS, publicKey: 'someone' },
      response: { status: 500 } });
    expect((await client.getJson(CLUSTERS)).status).toBe(200);
  });

  it('delays the normal response', async () => {
    simulator.addFault({ match: { path: CLUSTERS }, delayMs: 150, times: 1 });
    const started = performance.now();
    const { status } = await client.getJson(CLUSTERS);
    expect(status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('applies faults only after authentication', async () => {
    simulator.addFault({ match: { path: CLUSTERS }, response: { status: 500 } });
    const res = await fetch(`${simulator.url}${CLUSTERS}`);
    expect(res.status).toBe(401);
  });
});

describe('simulator hung requests', () => {
  it('keeps a hung request open until close', async () => {
    const simulator = await startSimulator({ dataset: demoDataset() });
    const client = new DigestTestClient(simulator.url);
    simulator.addFault({ match: { path: CLUSTERS }, hang: true });
    const pending = client.request(CLUSTERS).then(
      (res) => `status ${res.status}`, () => 'connection closed');
    const early = await Promise.race([pending,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);
    expect(early).toBe('still waiting');
    await simulator.close();
    expect(await pending).toBe('connection closed');
  });
});

describe('simulator control endpoints', () => {
  let simulator: RunningSimulator;
  let client: DigestTestClient;

  beforeAll(async () => {
    simulator = await startSimulator({ dataset: demoDataset() });
    client = new DigestTestClient(simulator.url);
  });
  afterAll(() => simulator.close());

  it('reports and resets counters over HTTP', async () => {
    await fetch(`${simulator.url}/__simulator/counters/reset`, { method: 'POST' });
    await client.getJson(`${V2}/orgs`);
    await client.getJson(`${V2}/orgs?pageNum=1`);
    const counters = await (await fetch(`${simulator.url}/__simulator/counters`)).json();
    expect(counters).toEqual({ total: 3, challenges: 1, byPath: { [`${V2}/orgs`]: 2 } });
    const reset = await fetch(`${simulator.url}/__simulator/counters/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(simulator.counters()).toEqual({ total: 0, challenges: 0, byPath: {} });
  });

  it('adds and clears faults over HTTP', async () => {
    const added = await fetch(`${simulator.url}/__simulator/faults`, { method: 'POST',
      body: JSON.stringify({ match: { path: `${V2}/orgs` }, response: { status: 502 } }) });
    expect(added.status).toBe(201);
    expect((await client.getJson(`${V2}/orgs`)).status).toBe(502);
    const cleared = await fetch(`${simulator.url}/__simulator/faults`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect((await client.getJson(`${V2}/orgs`)).status).toBe(200);
  });

  it('rejects an invalid fault with 400 naming the field', async () => {
    const res = await fetch(`${simulator.url}/__simulator/faults`, { method: 'POST',
      body: JSON.stringify({ match: { path: `${V2}/orgs` }, times: 0 }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toBe('Invalid fault: times must be an integer >= 1.');
  });
});
