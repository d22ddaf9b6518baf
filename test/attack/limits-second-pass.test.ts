/**
 * Hostile operations against the per-operation limits. Each test sends one operation and asserts
 * the behaviour the server should have. The subgraphs run as child processes, so a crash shows
 * up as a dead process instead of taking the test runner down.
 */
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { depthLimitRule } from '../../src/server/plugins/operation-limits.js';
import { startSimulatorProcess, startSubgraphProcess, type Child } from '../support/processes.js';
import { postGraphQL } from '../support/stack.js';

const ORG_ID = '65a000000000000000000001';
const PROJECT_ID = '65b000000000000000000001';

/** A started child process and the URL that tests send requests to. */
interface Service {
  child: Child;
  url: string;
}

async function startSimulator(args: string[]): Promise<Service> {
  return startSimulatorProcess(args);
}

async function startSubgraph(simulatorUrl: string, env: Record<string, string> = {}): Promise<Service> {
  const { child, graphqlUrl } = await startSubgraphProcess(simulatorUrl, env);
  return { child, url: graphqlUrl };
}

function isRunning(service: Service): boolean {
  const { exitCode, signalCode } = service.child.process;
  return exitCode === null && signalCode === null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts an operation. A dropped connection becomes a NO_RESPONSE error instead of a throw. */
function post(url: string, query: string, variables?: Record<string, unknown>) {
  return postGraphQL(url, query, variables).catch((error: unknown) => ({
    errors: [{ message: String(error), extensions: { code: 'NO_RESPONSE' } }],
    data: undefined,
  }));
}

async function simulatorRequestCount(simulator: Service): Promise<number> {
  const response = await fetch(`${simulator.url}/__simulator/counters`);
  return ((await response.json()) as { total: number }).total;
}

describe('depth limit rule', () => {
  it('validates fragment fan-out in linear time', () => {
    // Each fragment spreads the next one twice, so a walk that revisits fragments takes 2^25 steps.
    const levels = 25;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    fragments.push(`fragment F${levels} on Query { __typename }`);
    const document = parse(`query { ...F0 }\n${fragments.join('\n')}`);
    const schema = buildSchema('type Query { a: Int }');

    const started = performance.now();
    const errors = validate(schema, document, [...specifiedRules, depthLimitRule(20)]);
    const elapsedMs = performance.now() - started;

    expect(errors).toEqual([]);
    expect(elapsedMs).toBeLessThan(1000);
  }, 120_000);
});

describe('hostile operations on the demo estate', () => {
  let simulator: Service;
  let subgraph: Service | undefined;

  beforeAll(async () => {
    simulator = await startSimulator(['--demo']);
  });

  afterAll(async () => {
    await simulator?.child.stop();
  });

  afterEach(async () => {
    await subgraph?.child.stop();
    subgraph = undefined;
    await fetch(`${simulator.url}/__simulator/counters/reset`, { method: 'POST' });
    await fetch(`${simulator.url}/__simulator/faults`, { method: 'DELETE' });
  });

  it('keeps running after an inline representation list', async () => {
    subgraph = await startSubgraph(simulator.url);
    // The Employee reference rejects later. The unknown type throws while the batch is still
    // being mapped, so nothing awaits that rejection.
    const query =
      '{ _entities(representations: [{__typename: "Employee"}, {__typename: "Nope"}]) ' +
      '{ __typename } }';

    const body = await post(subgraph.url, query);
    await pause(2000);

    expect(isRunning(subgraph), subgraph.child.output().slice(-2000)).toBe(true);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('limits representations under an inline fragment', async () => {
    subgraph = await startSubgraph(simulator.url);
    const representations = Array.from({ length: 2000 }, (_, i) => ({
      __typename: 'Project',
      id: `dd${i.toString(16).padStart(22, '0')}`,
    }));
    const query =
      'query($r: [_Any!]!) { ... on Query { _entities(representations: $r) ' +
      '{ ... on Project { name } } } }';

    const body = await post(subgraph.url, query, { r: representations });

    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
    expect(await simulatorRequestCount(simulator)).toBeLessThanOrEqual(500);
  });

  it('resolves Organisation and Project entities with the cache on', async () => {
    subgraph = await startSubgraph(simulator.url, { ATLAS_CACHE_TTL_MS: '60000' });
    const query =
      `{ _entities(representations: [{__typename: "Organisation", id: "${ORG_ID}"}, ` +
      `{__typename: "Project", id: "${PROJECT_ID}"}]) ` +
      '{ ... on Organisation { id } ... on Project { projectId: id } } }';

    const body = await post(subgraph.url, query);

    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data?._entities?.[0]?.id).toBe(ORG_ID);
    expect(body.data?._entities?.[1]?.projectId).toBe(PROJECT_ID);
  });

  it('stops paging a list at the operation deadline', async () => {
    subgraph = await startSubgraph(simulator.url, { OPERATION_TIMEOUT_MS: '1000' });
    // Every page is full and claims 500 000 events, so the client keeps paging to its
    // 1000-page maximum, 4 pages at a time, 50 ms each.
    const events = Array.from({ length: 500 }, (_, i) => ({
      id: i.toString(16).padStart(24, '0'),
      created: '2026-01-01T00:00:00Z',
      eventTypeName: 'JOINED_ORG',
    }));
    const fault = {
      match: { path: `/api/atlas/v2/orgs/${ORG_ID}/events` },
      response: { status: 200, body: { results: events, totalCount: 500_000 } },
      delayMs: 50,
    };
    await fetch(`${simulator.url}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });

    const started = Date.now();
    await post(subgraph.url, `{ organisation(id: "${ORG_ID}") { events(first: 1) { totalCount } } }`);
    const elapsedMs = Date.now() - started;

    expect(elapsedMs).toBeLessThan(5000);
  }, 60_000);
});

describe('non-connection lists on a generated estate', () => {
  let simulator: Service;
  let subgraph: Service | undefined;

  beforeAll(async () => {
    const sizes = ['--orgs', '2', '--projects-per-org', '1', '--users-per-org', '1500'];
    simulator = await startSimulator(['--seed', '3', ...sizes, '--teams-per-org', '1']);
  });

  afterAll(async () => {
    await subgraph?.child.stop();
    await simulator?.child.stop();
  });

  it('answers memberships for a page of users', async () => {
    // 1000 result items, far under MAX_RESULT_NODES. A small heap makes an out-of-memory
    // crash quick to reach.
    subgraph = await startSubgraph(simulator.url, { NODE_OPTIONS: '--max-old-space-size=256' });

    const body = await post(
      subgraph.url,
      '{ organisations { nodes { users(first: 500) { nodes { memberships { orgId } } } } } }',
    );
    await pause(1000);

    expect(isRunning(subgraph), subgraph.child.output().slice(-2000)).toBe(true);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  }, 60_000);
});
