import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { cluster, dataset, O1, org, P1, P2, project } from '../support/datasets.js';

const API = '/api/atlas/v2';

function fixture() {
  const data = dataset(
    [org(O1, 'Org One')],
    [project(P1, O1, 'first', { clusters: [cluster(P1, 'main')] }), project(P2, O1, 'second')],
  );
  data.credentials.push({ publicKey: 'blocked1', privateKey: 'blocked-private-key', orgIds: '*', ipAccessListBlocked: true });
  return data;
}

/** Serialises a response so a test can scan it for secrets. */
function errorText(result: unknown): string {
  return JSON.stringify(result);
}

describe('wrong key pair', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture(), privateKey: 'wrong-private-key' });
  });

  afterAll(() => stack.close());

  it('fails with UNAUTHENTICATED after one signed try and nulls the field', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query('{ organisations { nodes { id } } }');
    expect(result.data).toEqual({ organisations: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['organisations']);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(result.errors![0].message).toContain('MONGODB_ATLAS_PRIVATE_API_KEY');
    expect(stack.simulator.counters().total).toBeLessThanOrEqual(2);
    expect(errorText(result)).not.toContain('wrong-private-key');
    expect(errorText(result)).not.toMatch(/Digest |authorization/i);
  });

  it('does not cache the failure', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query('{ organisations { nodes { id } } }');
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(stack.simulator.counters().total).toBeGreaterThanOrEqual(1);
  });
});

describe('key outside its API access list', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      dataset: fixture(),
      publicKey: 'blocked1',
      privateKey: 'blocked-private-key',
      env: { ATLAS_CACHE_TTL_MS: '60000', ATLAS_MAX_RETRIES: '3' },
    });
  });

  afterAll(() => stack.close());

  it('fails with FORBIDDEN, keeps the detail and sends one signed request', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      stack.simulator.resetCounters();
      const result = await stack.query('{ organisations { nodes { id } } }');
      expect(result.data).toEqual({ organisations: null });
      expect(result.errors![0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        atlasErrorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST',
        httpStatus: 403,
      });
      expect(result.errors![0].message).toContain('IP address 127.0.0.1 is not allowed');
      expect(result.errors![0].message).toMatch(/access list/);
      // One signed request per operation: no retries, and nothing cached between the two.
      expect(stack.calls()).toEqual({ [`${API}/orgs`]: 1 });
    }
  });
});

describe('upstream failures', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture(), env: { ATLAS_CACHE_TTL_MS: '60000' } });
  });

  afterAll(() => stack.close());

  it('reports a sunset API version on clusters as ATLAS_API_VERSION_GONE', async () => {
    stack.simulator.addFault({
      match: { path: `${API}/groups/${P1}/clusters` },
      response: {
        status: 410,
        body: { error: 410, errorCode: 'VERSION_GONE', reason: 'Gone', detail: 'Version 2024-08-05 is no longer available' },
      },
    });
    try {
      const result = await stack.query(`{ project(id: "${P1}") { name clusters { totalCount } } }`);
      expect(result.data).toEqual({ project: { name: 'first', clusters: null } });
      expect(result.errors![0].path).toEqual(['project', 'clusters']);
      expect(result.errors![0].extensions!.code).toBe('ATLAS_API_VERSION_GONE');
      expect(result.errors![0].message).toContain('clusters');
    } finally {
      stack.simulator.clearFaults();
    }
  });

  it('forgets a 503 so the next operation reads Atlas again', async () => {
    stack.simulator.addFault({
      match: { path: `${API}/groups/${P2}` },
      response: { status: 503, body: { error: 503, errorCode: 'SERVICE_UNAVAILABLE', reason: 'Service Unavailable' } },
    });
    const failed = await stack.query(`{ project(id: "${P2}") { name } }`);
    stack.simulator.clearFaults();
    expect(failed.data).toEqual({ project: null });
    expect(failed.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');

    stack.simulator.resetCounters();
    const recovered = await stack.query(`{ project(id: "${P2}") { name } }`);
    expect(recovered).toMatchObject({ data: { project: { name: 'second' } } });
    expect(recovered.errors).toBeUndefined();
    expect(stack.calls()).toEqual({ [`${API}/groups/${P2}`]: 1 });
  });

  it('masks a 500 without stack traces, paths or credentials', async () => {
    stack.simulator.addFault({
      match: { path: `${API}/groups/${P1}/databaseUsers` },
      response: { status: 500, body: { error: 500, errorCode: 'UNEXPECTED_ERROR', detail: 'db host x17 exploded' } },
    });
    try {
      const result = await stack.query(`{ project(id: "${P1}") { databaseUsers { totalCount } } }`);
      const text = errorText(result.errors);
      expect(result.errors![0].extensions!.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(text).not.toContain('stacktrace');
      expect(text).not.toContain('/api/atlas/v2');
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toContain('priv-test');
      expect(text).not.toContain('x17 exploded');
    } finally {
      stack.simulator.clearFaults();
    }
  });

  it('reports a scalar JSON reply as UPSTREAM_INVALID_RESPONSE, not as not found', async () => {
    stack.simulator.addFault({
      match: { path: `${API}/orgs/${O1}` },
      response: { status: 200, body: 'not an organisation' },
    });
    try {
      const result = await stack.query(`{ organisation(id: "${O1}") { name } }`);
      expect(result.data).toEqual({ organisation: null });
      expect(result.errors![0].extensions!.code).toBe('UPSTREAM_INVALID_RESPONSE');
      expect(result.errors![0].path).toEqual(['organisation']);
    } finally {
      stack.simulator.clearFaults();
    }
  });

  it('rejects malformed ids before calling Atlas', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query('{ project(id: "P1") { name } }');
    expect(result.data).toEqual({ project: null });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toContain('24 lowercase hexadecimal');
    expect(stack.simulator.counters().total).toBe(0);
  });
});

describe('HTTP front', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: fixture() });
  });

  afterAll(() => stack.close());

  it('blocks a GET without a preflight header and makes no Atlas request', async () => {
    stack.simulator.resetCounters();
    const query = encodeURIComponent('{organisations{nodes{id}}}');
    const blocked = await fetch(`${stack.url}?query=${query}`);
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain('CSRF');
    expect(stack.simulator.counters().total).toBe(0);

    const allowed = await fetch(`${stack.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as any).data.organisations.nodes).toEqual([{ id: O1 }]);
  });

  it('answers a body without a query with 400 and no stack trace', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = await response.text();
    expect(response.status).toBe(400);
    expect(body).not.toContain('stacktrace');
    expect(body).not.toContain('    at ');
  });

  it('answers invalid JSON with 400 and a clear message', async () => {
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).errors[0].message).toBe('Invalid JSON in the request body.');
  });

  it('serves health and metrics', async () => {
    const health = await fetch(stack.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(stack.url.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/^atlas_calls_total \d+$/m);
  });

  it('counts operations, not landing-page views, in metrics', async () => {
    const metricsUrl = stack.url.replace('/graphql', '/metrics');
    const count = async () =>
      Number(/^graphql_requests_total (\d+)$/m.exec(await (await fetch(metricsUrl)).text())![1]);
    const before = await count();
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    await stack.query('{ organisations { totalCount } }');
    expect(await count()).toBe(before + 1);
  });
});
