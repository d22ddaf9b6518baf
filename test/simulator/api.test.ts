import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_IDS } from '../../src/simulator/demo.js';
import { demoDataset, generateDataset } from '../../src/simulator/generate.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { DigestTestClient, atlasAccept } from './digest-client.js';

const NOW = Date.UTC(2026, 0, 15);
const V2 = '/api/atlas/v2';

describe('simulator pagination', () => {
  let simulator: RunningSimulator;
  let client: DigestTestClient;
  const dataset = generateDataset({ seed: 3, orgs: 1, projectsPerOrg: 250, clustersPerProject: 0,
    databaseUsersPerProject: 0, usersPerOrg: 2, now: NOW });

  beforeAll(async () => {
    simulator = await startSimulator({ dataset, rateLimit: false });
    client = new DigestTestClient(simulator.url);
  });
  afterAll(() => simulator.close());

  it('returns the envelope with self and next links on page 1', async () => {
    const { status, body } = await client.getJson(`${V2}/groups`);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(100);
    expect(body.totalCount).toBe(250);
    expect(body.links).toEqual([
      { rel: 'self', href: `${simulator.url}${V2}/groups?pageNum=1&itemsPerPage=100` },
      { rel: 'next', href: `${simulator.url}${V2}/groups?pageNum=2&itemsPerPage=100` },
    ]);
  });

  it('returns a short last page with a previous link and no next link', async () => {
    const { body } = await client.getJson(`${V2}/groups?pageNum=3&itemsPerPage=100`);
    expect(body.results.map((p: { name: string }) => p.name)).toEqual(
      Array.from({ length: 50 }, (_, i) => `project-${String(201 + i).padStart(4, '0')}`));
    expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(['previous', 'self']);
  });

  it('omits totalCount when includeCount is false', async () => {
    const { body } = await client.getJson(`${V2}/groups?includeCount=false&itemsPerPage=5`);
    expect(Object.keys(body).sort()).toEqual(['links', 'results']);
    expect(body.results).toHaveLength(5);
  });

  it.each(['0', '501', 'ten'])('rejects itemsPerPage=%s with 400', async (value) => {
    const { status, body } = await client.getJson(`${V2}/groups?itemsPerPage=${value}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 400, errorCode: 'INVALID_ATTRIBUTE', reason: 'Bad Request',
      detail: 'Invalid attribute itemsPerPage specified.', parameters: ['itemsPerPage'] });
  });

  it('accepts itemsPerPage=500', async () => {
    const { body } = await client.getJson(`${V2}/groups?itemsPerPage=500`);
    expect(body.results).toHaveLength(250);
    expect(body.links).toHaveLength(1);
  });

  it('rejects pageNum=0 with 400', async () => {
    const { status, body } = await client.getJson(`${V2}/groups?pageNum=0`);
    expect(status).toBe(400);
    expect(body.parameters).toEqual(['pageNum']);
  });
});

describe('simulator responses for the demo estate', () => {
  let simulator: RunningSimulator;
  let client: DigestTestClient;
  const prod = `${V2}/groups/${DEMO_IDS.prodPayments}`;

  beforeAll(async () => {
    const dataset = demoDataset({ now: NOW });
    dataset.credentials.push(
      { publicKey: 'blocked1', privateKey: 'priv-blocked', orgIds: '*', ipAccessListBlocked: true },
      { publicKey: 'research', privateKey: 'priv-research', orgIds: [DEMO_IDS.acmeResearch],
        deniedPaths: ['/orgs/[a-f0-9]+/users$'] },
    );
    simulator = await startSimulator({ dataset, rateLimit: false });
    client = new DigestTestClient(simulator.url);
  });
  afterAll(() => simulator.close());

  it('answers 406 to a missing or unknown version', async () => {
    for (const accept of ['application/json', atlasAccept('2023-01-02'), '']) {
      const res = await client.request(`${V2}/orgs`, { accept });
      expect(res.status).toBe(406);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ error: 406, errorCode: 'INVALID_VERSION_DATE',
        reason: 'Not Acceptable', detail: 'Invalid accept header or version date.',
          parameters: [] });
    }
  });

  it('answers 406 to a date older than the endpoint', async () => {
    const res = await client.request(`${prod}/flexClusters`, { accept: atlasAccept('2024-08-05') });
    expect(res.status).toBe(406);
  });

  it('serves the newest version not newer than the requested date', async () => {
    const res = await client.request(`${prod}/clusters`, { accept: atlasAccept('2025-03-12') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(atlasAccept('2024-08-05'));
  });

  it('returns only active users at version 2023-01-01', async () => {
    const path = `${V2}/orgs/${DEMO_IDS.acmeCorp}/users?orgMembershipStatuses=PENDING`;
    const old = await client.getJson(path, atlasAccept('2023-01-01'));
    expect(old.body.results.map((u: { username: string }) => u.username)).not.toContain(
      'gus.peterson@acme.example');
    const current = await client.getJson(path);
    expect(current.body.results.map((u: { username: string }) => u.username)).toEqual([
      'gus.peterson@acme.example']);
  });

  it('returns GROUP_NOT_FOUND for an unknown project', async () => {
    const id = 'bbbbbbbbbbbbbbbbbbbbbbb9';
    const { status, body } = await client.getJson(`${V2}/groups/${id}/clusters`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: 404, errorCode: 'GROUP_NOT_FOUND', reason: 'Not Found',
      detail: `No group with ID ${id} exists.`, parameters: [id] });
  });

  it('returns INVALID_GROUP_ID for a malformed project id', async () => {
    const { status, body } = await client.getJson(`${V2}/groups/not-an-id`);
    expect(status).toBe(400);
    expect(body.errorCode).toBe('INVALID_GROUP_ID');
  });

  it('returns RESOURCE_NOT_FOUND for an unknown path', async () => {
    const { status, body } = await client.getJson(`${V2}/nothing/here`, atlasAccept('2023-01-01'));
    expect(status).toBe(404);
    expect(body).toEqual({ error: 404, errorCode: 'RESOURCE_NOT_FOUND', reason: 'Not Found',
      detail: `Cannot find resource ${V2}/nothing/here.`, parameters: [`${V2}/nothing/here`] });
  });

  it('returns CLUSTER_NOT_FOUND and the flex-cluster 400', async () => {
    const missing = await client.getJson(`${prod}/clusters/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('CLUSTER_NOT_FOUND');
    const staging = `${V2}/groups/${DEMO_IDS.stagingPayments}`;
    const flex = await client.getJson(`${staging}/clusters/staging-flex`);
    expect(flex.status).toBe(400);
    expect(flex.body.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
    const viaFlexApi = await client.getJson(`${staging}/flexClusters/staging-flex`);
    expect(viaFlexApi.body.providerSettings.backingProviderName).toBe('AWS');
  });

  it('decodes database user names, including $external ones', async () => {
    const name = 'arn:aws:iam::123456789012:role/payments-api';
    const { status, body } = await client.getJson(
      `${prod}/databaseUsers/%24external/${encodeURIComponent(name)}`);
    expect(status).toBe(200);
    expect(body.username).toBe(name);
    expect(body.awsIAMType).toBe('ROLE');
    const missing = await client.getJson(`${prod}/databaseUsers/admin/ghost`);
    expect(missing.body.errorCode).toBe('USERNAME_NOT_FOUND');
  });

  it('finds an access list entry given with %2F', async () => {
    const { status, body } = await client.getJson(`${prod}/accessList/10.20.0.0%2F16`);
    expect(status).toBe(200);
    expect(body).toEqual({ cidrBlock: '10.20.0.0/16', comment: 'VPC peering range',
      groupId: DEMO_IDS.prodPayments });
  });

  it('filters org users by status and username', async () => {
    const base = `${V2}/orgs/${DEMO_IDS.acmeCorp}/users`;
    const all = await client.getJson(base);
    expect(all.body.totalCount).toBe(9);
    const one = await client.getJson(`${base}?username=hana.sato%40acme.example`);
    expect(one.body.results.map((u: { id: string }) => u.id)).toEqual([DEMO_IDS.users.hana]);
    expect(one.body.results[0].teamIds).toEqual([DEMO_IDS.dataPlatform]);
  });

  it('answers 403 to every request from an IP-blocked key', async () => {
    const blocked = new DigestTestClient(simulator.url, 'blocked1', 'priv-blocked');
    const { status, body } = await blocked.getJson(`${V2}/orgs`);
    expect(status).toBe(403);
    expect(body).toEqual({ error: 403, errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST',
      reason: 'Forbidden', detail: 'IP address 127.0.0.1 is not allowed to access this resource.',
      parameters: ['127.0.0.1'] });
  });

  it('limits a key to its organisations and denied paths', async () => {
    const research = new DigestTestClient(simulator.url, 'research', 'priv-research');
    const orgs = await research.getJson(`${V2}/orgs`);
    expect(orgs.body.results.map((o: { name: string }) => o.name)).toEqual(['Acme Research']);
    const other = await research.getJson(`${V2}/orgs/${DEMO_IDS.acmeCorp}`);
    expect(other.status).toBe(401);
    expect(other.body.errorCode).toBe('USER_UNAUTHORIZED');
    const hiddenProject = await research.getJson(prod);
    expect(hiddenProject.status).toBe(401);
    const denied = await research.getJson(`${V2}/orgs/${DEMO_IDS.acmeResearch}/users`);
    expect(denied.status).toBe(401);
    expect(denied.body.errorCode).toBe('USER_UNAUTHORIZED');
  });

  it('answers 405 to methods other than GET', async () => {
    const res = await client.request(`${V2}/orgs`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: number }).error).toBe(405);
  });
});

describe('simulator rate limits', () => {
  let simulator: RunningSimulator;
  let client: DigestTestClient;

  beforeAll(async () => {
    simulator = await startSimulator({ dataset: demoDataset({ now: NOW }),
      rateLimit: { capacity: 2, refillPerSecond: 0.5 }, now: () => NOW });
    client = new DigestTestClient(simulator.url);
  });
  afterAll(() => simulator.close());

  it('answers 429 with Retry-After once the bucket is empty', async () => {
    const first = await client.getJson(`${V2}/orgs`);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    await client.getJson(`${V2}/orgs`);
    const limited = await client.getJson(`${V2}/orgs`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.body).toEqual({ error: 429, errorCode: 'RATE_LIMITED_TOKEN_BUCKET',
      reason: 'Too Many Requests',
      detail: 'Rate limit exceeded for api/atlas/v2/orgs. Please retry after 2 seconds. ' +
        'Request capacity: 2. Refill rate: 1 per 2 seconds.',
      parameters: ['api/atlas/v2/orgs', 2, 2, 1, 2] });
  });

  it('keeps a separate bucket per endpoint set', async () => {
    const { status } = await client.getJson(`${V2}/groups/${DEMO_IDS.analytics}`);
    expect(status).toBe(200);
  });
});
