import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoDataset } from '../../src/simulator/generate.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { DigestTestClient, atlasAccept, digestAuthorization,
  parseChallenge } from './digest-client.js';

const UNAUTHORIZED = {
  error: 401,
  reason: 'Unauthorized',
  detail: 'You are not authorized for this resource.',
};

describe('simulator digest authentication', () => {
  let clock = 1_700_000_000_000;
  let simulator: RunningSimulator;
  let client: DigestTestClient;

  beforeAll(async () => {
    simulator = await startSimulator({
      dataset: demoDataset({ now: clock }), nonceTtlMs: 60_000, now: () => clock,
    });
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    client = new DigestTestClient(simulator.url);
    simulator.resetCounters();
  });

  it('challenges an unsigned request with the Atlas header and body', async () => {
    const res = await fetch(`${simulator.url}/api/atlas/v2/orgs`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
    const header = res.headers.get('www-authenticate')!;
    const expected = new RegExp('^Digest realm="MMS Public API", domain="", nonce="[^"]+", ' +
      'algorithm=MD5, qop="auth", stale=false$');
    expect(header).toMatch(expected);
    expect(simulator.counters()).toEqual({ total: 1, challenges: 1, byPath: {} });
  });

  it('accepts a correctly signed request with a query string', async () => {
    const res = await client.request('/api/atlas/v2/groups?itemsPerPage=2&pageNum=2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(atlasAccept('2023-01-01'));
    const body = (await res.json()) as { results: { name: string }[] };
    expect(body.results.map((p) => p.name)).toEqual(['analytics', 'Sandbox Project']);
    expect(simulator.counters().byPath).toEqual({ '/api/atlas/v2/groups': 1 });
  });

  it('rejects a wrong private key with stale=false', async () => {
    const res = await client.request('/api/atlas/v2/orgs', { password: 'wrong' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
    expect(parseChallenge(res.headers.get('www-authenticate')).stale).toBe('false');
    // One challenge for the unsigned request that fetched the nonce, one for the bad key.
    expect(simulator.counters()).toEqual({ total: 2, challenges: 2, byPath: {} });
  });

  it('rejects an unknown public key', async () => {
    const stranger = new DigestTestClient(simulator.url, 'nobody01', 'priv-test');
    const res = await stranger.request('/api/atlas/v2/orgs');
    expect(res.status).toBe(401);
    expect(parseChallenge(res.headers.get('www-authenticate')).stale).toBe('false');
  });

  it('rejects a replayed nonce count', async () => {
    const first = await client.request('/api/atlas/v2/orgs', { nc: 5 });
    expect(first.status).toBe(200);
    const replay = await client.request('/api/atlas/v2/orgs', { nc: 5 });
    expect(replay.status).toBe(401);
    expect(parseChallenge(replay.headers.get('www-authenticate')).stale).toBe('false');
  });

  it('accepts nonce counts that arrive out of order', async () => {
    expect((await client.request('/api/atlas/v2/orgs', { nc: 3 })).status).toBe(200);
    expect((await client.request('/api/atlas/v2/orgs', { nc: 1 })).status).toBe(200);
    expect((await client.request('/api/atlas/v2/orgs', { nc: 2 })).status).toBe(200);
  });

  it('answers an expired nonce with stale=true and a fresh nonce', async () => {
    const nonce = await client.refreshNonce();
    clock += 60_000;
    const res = await client.request('/api/atlas/v2/orgs');
    expect(res.status).toBe(401);
    const challenge = parseChallenge(res.headers.get('www-authenticate'));
    expect(challenge.stale).toBe('true');
    expect(challenge.nonce).not.toBe(nonce);
    const retry = await client.request('/api/atlas/v2/orgs', { nonce: challenge.nonce, nc: 1 });
    expect(retry.status).toBe(200);
  });

  it('rejects a uri that differs from the request target', async () => {
    const res = await client.request('/api/atlas/v2/groups?itemsPerPage=1&pageNum=2',
      { signUri: '/api/atlas/v2/groups' });
    expect(res.status).toBe(401);
    expect(simulator.counters()).toEqual({ total: 2, challenges: 2, byPath: {} });
  });

  it('rejects a query signed in a different parameter order', async () => {
    const res = await client.request('/api/atlas/v2/groups?itemsPerPage=1&pageNum=2',
      { signUri: '/api/atlas/v2/groups?pageNum=2&itemsPerPage=1' });
    expect(res.status).toBe(401);
  });

  it('rejects a nonce the server never issued', async () => {
    const forged = 'deadbeef.00.0000';
    const authorization = digestAuthorization({ username: 'pub-test', password: 'priv-test',
      realm: 'MMS Public API', nonce: forged, uri: '/api/atlas/v2/orgs', nc: 1 });
    const res = await fetch(`${simulator.url}/api/atlas/v2/orgs`,
      { headers: { authorization, accept: atlasAccept('2023-01-01') } });
    expect(res.status).toBe(401);
    expect(parseChallenge(res.headers.get('www-authenticate')).stale).toBe('false');
  });
});
