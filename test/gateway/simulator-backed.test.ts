import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL } from '../../src/gateway/graphql-client.js';
import {
  ensureBuilt,
  getJson,
  spawnUntilEvent,
  startStack,
  type Stack,
  type TestProcess,
} from './harness.js';

interface Counters {
  total: number;
  challenges: number;
  byPath: Record<string, number>;
}

interface DirectoryStats {
  entitiesCalls: number;
  operations: number;
  representations: number;
}

const USERS_QUERY = `{
  organisations {
    nodes {
      id
      users(first: 500) { nodes { username employee { email employmentStatus } } }
    }
  }
}`;

describe('gateway over a simulator with a generated estate', () => {
  let simulator: TestProcess | undefined;
  let simulatorUrl: string;
  let stack: Stack;

  const resetCounters = () =>
    fetch(`${simulatorUrl}/__simulator/counters/reset`, { method: 'POST' });
  const counters = () => getJson<Counters>(`${simulatorUrl}/__simulator/counters`);
  const directoryStats = () =>
    getJson<DirectoryStats>(`${stack.directoryOrigin}/__directory/stats`);

  beforeAll(async () => {
    ensureBuilt();
    // Two organisations of 250 users: 500 organisation users in all.
    const started = await spawnUntilEvent(
      'dist/src/simulator/cli.js',
      ['--port', '0', '--seed', '7', '--orgs', '2', '--users-per-org', '250'],
      {},
      'simulator.listening',
    );
    simulator = started;
    simulatorUrl = new URL(String(started.ready.url)).origin;
    stack = await startStack({
      MONGODB_ATLAS_BASE_URL: simulatorUrl,
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-test',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-test',
      // No cross-request cache, so the counters show every Atlas call an operation makes.
      ATLAS_CACHE_TTL_MS: '0',
    });
  });

  afterEach(async () => {
    await fetch(`${simulatorUrl}/__simulator/faults`, { method: 'DELETE' });
  });

  afterAll(async () => {
    await stack?.stop();
    await simulator?.stop();
  });

  it('batches 500 employee lookups', async () => {
    await resetCounters();
    const before = await directoryStats();

    const body = await postGraphQL<{
      organisations: { nodes: { id: string; users: { nodes: { employee: unknown }[] } }[] };
    }>(stack.gatewayUrl, USERS_QUERY);

    expect(body.errors).toBeUndefined();
    const orgs = body.data!.organisations.nodes;
    const users = orgs.flatMap((org) => org.users.nodes);
    expect(users).toHaveLength(500);
    // Generated people are not in the example directory.
    expect(users.every((user) => user.employee === null)).toBe(true);

    const after = await directoryStats();
    expect(after.entitiesCalls - before.entitiesCalls).toBe(1);
    expect(after.representations - before.representations).toBe(500);

    const expectedPaths = Object.fromEntries([
      ['/api/atlas/v2/orgs', 1],
      ...orgs.map((org) => [`/api/atlas/v2/orgs/${org.id}/users`, 1]),
    ]);
    expect((await counters()).byPath).toEqual(expectedPaths);
  });

  it('resolves Employee references in one pass', async () => {
    const listed = await postGraphQL<{
      organisations: { nodes: { users: { nodes: { username: string }[] } }[] };
    }>(stack.gatewayUrl, '{ organisations { nodes { users(first: 3) { nodes { username } } } } }');
    const emails = listed.data!.organisations.nodes.flatMap((org) =>
      org.users.nodes.map((user) => user.username),
    );
    // Upper case checks the case-insensitive match, and the unknown email must not be an error.
    const lookups = [...emails.map((email) => email.toUpperCase()), 'nobody@example.invalid'];
    const representations = lookups.map((email) => ({ __typename: 'Employee', email }));
    await resetCounters();

    const body = await postGraphQL<{ _entities: unknown[] }>(
      stack.atlasUrl,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Employee { email atlasAccess { organisations { username } } }
        }
      }`,
      { representations },
    );

    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toEqual([
      ...emails.map((email) => ({
        email: email.toUpperCase(),
        atlasAccess: { organisations: [{ username: email }] },
      })),
      { email: 'nobody@example.invalid', atlasAccess: { organisations: [] } },
    ]);
    const paths = Object.keys((await counters()).byPath).sort();
    expect(Object.values((await counters()).byPath)).toEqual([1, 1, 1]);
    expect(paths[0]).toBe('/api/atlas/v2/orgs');
    expect(paths.slice(1).every((path) => /^\/api\/atlas\/v2\/orgs\/\w+\/users$/.test(path)))
      .toBe(true);
  });

  it('isolates an Atlas failure to its branch', async () => {
    const projects = await postGraphQL<{
      organisations: { nodes: { projects: { nodes: { id: string }[] } }[] };
    }>(stack.gatewayUrl, '{ organisations { nodes { projects { nodes { id } } } } }');
    const [failing, healthy] = projects.data!.organisations.nodes[0].projects.nodes;
    const fault = {
      match: { path: `/api/atlas/v2/groups/${failing.id}/clusters` },
      response: { status: 500 },
    };
    const added = await fetch(`${simulatorUrl}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    expect(added.status).toBe(201);

    const body = await postGraphQL<{
      failing: { id: string; clusters: null } | null;
      healthy: { id: string; clusters: { nodes: { name: string }[] } };
    }>(
      stack.gatewayUrl,
      `{
        failing: project(id: "${failing.id}") { id clusters { nodes { name } } }
        healthy: project(id: "${healthy.id}") { id clusters { nodes { name } } }
      }`,
    );

    // `Project.clusters` is nullable, so the failure stays inside the failing project.
    expect(body.data?.failing).toEqual({ id: failing.id, clusters: null });
    expect(body.data?.healthy.id).toBe(healthy.id);
    expect(body.data?.healthy.clusters.nodes.length).toBeGreaterThan(0);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].path).toEqual(['failing', 'clusters']);
    expect(body.errors![0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
  });
});
