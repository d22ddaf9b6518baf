/**
 * Hostile-input checks against the built subgraph and simulator, run as child processes so a
 * crash shows up as a dead process instead of taking the test runner down. Each test asserts
 * the behaviour the server should have.
 */
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatorProcess, startSubgraphProcess, type Child } from '../support/processes.js';
import { postGraphQL } from '../support/stack.js';

const ORG_ID = '65a000000000000000000001';
const PROJECT_ID = '65b000000000000000000001';

/** A subgraph child process and the URLs to reach it. */
interface Subgraph {
  child: Child;
  baseUrl: string;
  graphqlUrl: string;
}

let simulator: Child;
let simulatorUrl: string;

function startSubgraph(env: Record<string, string> = {}): Promise<Subgraph> {
  return startSubgraphProcess(simulatorUrl, env);
}

function isRunning(subgraph: Subgraph): boolean {
  const { exitCode, signalCode } = subgraph.child.process;
  return exitCode === null && signalCode === null;
}

/** Sends one raw HTTP/1.1 request and returns the status line, or '' when the socket closes first. */
function rawStatusLine(port: number, requestTarget: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve(received.split('\r\n')[0] ?? '') : reject(error),
    );
    socket.write(`GET ${requestTarget} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

async function simulatorRequestCount(): Promise<number> {
  const response = await fetch(`${simulatorUrl}/__simulator/counters`);
  return ((await response.json()) as { total: number }).total;
}

async function resetSimulator(): Promise<void> {
  await fetch(`${simulatorUrl}/__simulator/counters/reset`, { method: 'POST' });
  await fetch(`${simulatorUrl}/__simulator/faults`, { method: 'DELETE' });
}

/** Builds `organisation { projects { nodes { organisation { … name } } } }` nested `levels` deep. */
function selfNestedQuery(levels: number): string {
  const open = 'projects { nodes { organisation { '.repeat(levels);
  const close = '} } } '.repeat(levels);
  return `{ organisation(id: "${ORG_ID}") { ${open}name ${close}} }`;
}

beforeAll(async () => {
  ({ child: simulator, url: simulatorUrl } = await startSimulatorProcess(['--demo']));
});

afterAll(async () => {
  await simulator?.stop();
});

describe('process survival', () => {
  let subgraph: Subgraph | undefined;

  afterEach(async () => {
    await subgraph?.child.stop();
    subgraph = undefined;
  });

  it('answers 400 to an unparsable request-target', async () => {
    subgraph = await startSubgraph();
    const port = Number(new URL(subgraph.baseUrl).port);

    const statusLine = await rawStatusLine(port, '//:999999/');
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(isRunning(subgraph), subgraph.child.output()).toBe(true);
    expect(statusLine).toMatch(/^HTTP\/1\.1 400/);
  });

  it('rejects exponentially nested selections', async () => {
    // A small heap makes the out-of-memory crash of the unbounded query quick to reach.
    subgraph = await startSubgraph({ NODE_OPTIONS: '--max-old-space-size=256' });

    const body = await postGraphQL(subgraph.graphqlUrl, selfNestedQuery(9)).catch(
      (error: unknown) => ({ errors: [{ message: String(error), extensions: { code: 'NO_RESPONSE' } }] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(isRunning(subgraph), subgraph.child.output().slice(-2000)).toBe(true);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  }, 60_000);
});

describe('request limits and input validation', () => {
  let subgraph: Subgraph;

  beforeAll(async () => {
    subgraph = await startSubgraph();
  });

  afterAll(async () => {
    await subgraph?.child.stop();
  });

  afterEach(resetSimulator);

  it('bounds Atlas calls of one _entities batch', async () => {
    const representations = Array.from({ length: 2000 }, (_, i) => ({
      __typename: 'Project',
      id: `dd${i.toString(16).padStart(22, '0')}`,
    }));
    await resetSimulator();

    await postGraphQL(
      subgraph.graphqlUrl,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { name } } }',
      { r: representations },
    );

    expect(await simulatorRequestCount()).toBeLessThanOrEqual(500);
  });

  it('rejects dot segments in database user keys', async () => {
    const body = await postGraphQL(
      subgraph.graphqlUrl,
      `{ databaseUser(projectId: "${PROJECT_ID}", databaseName: "..", username: "x") { username } }`,
    );

    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('reports an unexpected endpoint-service body as UNKNOWN', async () => {
    // The endpoint returns a bare array, so a paged envelope is a shape the check cannot judge.
    const fault = {
      match: { path: `/api/atlas/v2/groups/${PROJECT_ID}/privateEndpoint/AWS/endpointService` },
      response: { status: 200, body: { results: [], totalCount: 0 } },
    };
    await fetch(`${simulatorUrl}/__simulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });

    const body = await postGraphQL(
      subgraph.graphqlUrl,
      `{ project(id: "${PROJECT_ID}") { compliance { checks { id status detail } } } }`,
    );
    const checks = body.data?.project?.compliance?.checks as { id: string; status: string; detail: string }[];
    const check = checks.find((candidate) => candidate.id === 'network.private-endpoints-available');

    expect(check?.status, check?.detail).toBe('UNKNOWN');
  });
});
