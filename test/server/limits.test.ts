import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { cluster, databaseUser, dataset, hexId, O1, org, P1, project } from '../support/datasets.js';

const API = '/api/atlas/v2';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { name } } }';

/** Builds `organisation { projects { nodes { organisation { … name } } } }` nested `levels` deep. */
function selfNested(levels: number): string {
  const open = 'projects { nodes { organisation { '.repeat(levels);
  const close = '} } } '.repeat(levels);
  return `{ organisation(id: "${O1}") { ${open}name ${close}} }`;
}

/** Sends one raw HTTP/1.1 request and returns its status line. */
function rawStatusLine(port: number, target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
    socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

describe('per-operation limits', () => {
  let stack: Stack;

  beforeAll(async () => {
    const projects = Array.from({ length: 30 }, (_, i) =>
      project(hexId('b', i + 1), O1, `p-${i + 1}`, { clusters: [cluster(hexId('b', i + 1), 'main')] }),
    );
    projects[0].databaseUsers = [databaseUser(projects[0].id, '..')];
    stack = await startStack({
      dataset: dataset([org(O1, 'Org One')], projects),
      env: {
        MAX_QUERY_DEPTH: '12',
        MAX_RESULT_NODES: '200',
        MAX_ENTITY_REPRESENTATIONS: '50',
        ATLAS_MAX_CALLS_PER_OPERATION: '20',
      },
    });
  });

  afterAll(() => stack.close());

  it('answers 400 to an unparsable request-target and keeps serving', async () => {
    const port = Number(new URL(stack.url).port);
    expect(await rawStatusLine(port, '//:999999/')).toMatch(/^HTTP\/1\.1 400/);
    const result = await stack.query(`{ organisation(id: "${O1}") { name } }`);
    expect(result.data).toEqual({ organisation: { name: 'Org One' } });
  });

  it('rejects a query nested deeper than the limit before any Atlas call', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(selfNested(4));
    expect(result.data).toBeUndefined();
    expect(result.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toBe(
      'The operation is 14 fields deep; the limit is 12. Split it into smaller queries, or raise MAX_QUERY_DEPTH.',
    );
    expect(stack.simulator.counters().total).toBe(0);
  });

  it('stops returning list items past the result budget', async () => {
    const result = await stack.query(selfNested(3));
    const codes = new Set(result.errors!.map((error) => error.extensions!.code));
    expect(codes).toEqual(new Set(['QUERY_TOO_LARGE']));
    expect(result.errors![0].message).toContain('more than 200 list items');
    expect(result.extensions!.atlas.resultNodes).toBeGreaterThan(150);
    expect(result.extensions!.atlas.resultNodes).toBeLessThanOrEqual(200);
  });

  it('rejects an entity batch over the limit before any Atlas call', async () => {
    stack.simulator.resetCounters();
    const representations = Array.from({ length: 51 }, (_, i) => ({ __typename: 'Project', id: hexId('d', i) }));
    const result = await stack.query(ENTITIES, { r: representations });
    expect(result.errors![0].extensions!.code).toBe('QUERY_TOO_LARGE');
    expect(result.errors![0].message).toContain('51 representations in this operation; the limit is 50');
    expect(stack.simulator.counters().total).toBe(0);
  });

  it('rejects malformed representations as bad input', async () => {
    for (const [representation, message] of [
      [{ __typename: 'Nope', id: 'x' }, '__typename "Nope" is not an entity of this subgraph'],
      [{ id: 'x' }, '__typename undefined is not an entity'],
      ['text', 'expected an object with __typename and key fields'],
      [{ __typename: '__proto__' }, '__typename "__proto__" is not an entity'],
      [{ __typename: 'OrganisationUser', username: 5 }, 'OrganisationUser needs string key fields "id" or "username"'],
    ] as const) {
      const result = await stack.query(ENTITIES, { r: [{ __typename: 'Project', id: hexId('b', 1) }, representation] });
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0].message).toContain(`Invalid representation at index 1: ${message}`);
    }
  });

  it('fails reads past the Atlas call budget with QUERY_TOO_LARGE', async () => {
    stack.simulator.resetCounters();
    const aliases = Array.from({ length: 25 }, (_, i) => `p${i}: project(id: "${hexId('b', i + 1)}") { name }`);
    const result = await stack.query(`{ ${aliases.join(' ')} }`);
    const failed = result.errors!.filter((error) => error.extensions!.code === 'QUERY_TOO_LARGE');
    expect(failed).toHaveLength(5);
    expect(failed[0].message).toContain('more than 20 Atlas calls');
    expect(Object.values(result.data!).filter((value) => value !== null)).toHaveLength(20);
    expect(stack.simulator.counters().total).toBeLessThanOrEqual(21);
  });

  it('keeps dot-only usernames inside their path segment', async () => {
    stack.simulator.resetCounters();
    const result = await stack.query(
      `{ databaseUser(projectId: "${hexId('b', 1)}", databaseName: "admin", username: "..") { username } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ databaseUser: { username: '..' } });
    expect(Object.keys(stack.calls())).toEqual([`${API}/groups/${hexId('b', 1)}/databaseUsers/admin/%2E%2E`]);
  });

  it('rejects an authentication database other than admin or $external', async () => {
    const result = await stack.query(`{ databaseUser(projectId: "${P1}", databaseName: "..", username: "x") { username } }`);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toContain('Invalid databaseName ".."');
  });

  it('rejects cursors that are not plain offsets', async () => {
    for (const text of ['offset:', 'offset: ', 'offset:1e3', 'offset:0x10', 'offset:-1']) {
      const cursor = Buffer.from(text).toString('base64url');
      const result = await stack.query(`{ organisation(id: "${O1}") { projects(after: "${cursor}") { totalCount } } }`);
      expect(result.errors![0].extensions!.code, text).toBe('BAD_USER_INPUT');
    }
  });
});

describe('values no Atlas path can carry', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: dataset([org(O1, 'Org One')], [project(P1, O1, 'first')]) });
  });

  afterAll(() => stack.close());

  it('rejects an empty username and a lone surrogate as bad input', async () => {
    stack.simulator.resetCounters();
    for (const username of ['', '\ud800']) {
      const result = await stack.query(
        `query($u: String!) { databaseUser(projectId: "${P1}", databaseName: "admin", username: $u) { username } }`,
        { u: username },
      );
      expect(result.errors![0].extensions!.code, JSON.stringify(username)).toBe('BAD_USER_INPUT');
    }
    const events = await stack.query(
      `query($t: [String!]) { organisation(id: "${O1}") { events(eventTypes: $t) { totalCount } } }`,
      { t: ['\udc00'] },
    );
    expect(events.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(events.errors![0].message).toContain('not well-formed Unicode');
    expect(stack.simulator.counters().byPath).toEqual({ [`${API}/orgs/${O1}`]: 1 });
  });
});
