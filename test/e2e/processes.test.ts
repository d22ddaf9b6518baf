import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, requireBuilt, startNode, type Child } from '../support/processes.js';
import { postGraphQL } from '../support/stack.js';

const SERVER = 'dist/src/server/main.js';
const SIMULATOR = 'dist/src/simulator/cli.js';

describe('subgraph and simulator as separate processes', () => {
  let simulator: Child;
  let subgraph: Child;
  let simulatorUrl: string;
  let graphqlUrl: string;

  beforeAll(async () => {
    requireBuilt(SERVER);
    requireBuilt(SIMULATOR);
    const simulatorPort = await freePort();
    simulator = await startNode(requireBuilt(SIMULATOR), ['--port', String(simulatorPort), '--demo'], {}, 'simulator.listening');
    simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    const port = await freePort();
    subgraph = await startNode(
      requireBuilt(SERVER),
      [],
      {
        PORT: String(port),
        MONGODB_ATLAS_BASE_URL: simulatorUrl,
        MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-test',
        MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-test',
        LOG_LEVEL: 'debug',
      },
      'server.listening',
    );
    graphqlUrl = `http://127.0.0.1:${port}/graphql`;
  });

  afterAll(async () => {
    await subgraph?.stop();
    await simulator?.stop();
  });

  it('serves the demo organisations over HTTP', async () => {
    const result = await postGraphQL(graphqlUrl, '{ organisations { totalCount nodes { name } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisations).toEqual({
      totalCount: 3,
      nodes: [{ name: 'Acme Corp' }, { name: 'Acme Research' }, { name: 'Acme Archive' }],
    });
  });

  it('counts its Atlas requests on the simulator', async () => {
    await fetch(`${simulatorUrl}/__simulator/counters/reset`, { method: 'POST' });
    const result = await postGraphQL(
      graphqlUrl,
      '{ organisations { nodes { projects { nodes { name clusters { nodes { name kind } } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    const names = result.data!.organisations.nodes.flatMap((org: any) =>
      org.projects.nodes.flatMap((project: any) => project.clusters.nodes.map((c: any) => `${c.name}:${c.kind}`)),
    );
    expect(names).toContain('staging-flex:FLEX');
    expect(names).toContain('sandbox-free:SHARED');
    const counters = (await (await fetch(`${simulatorUrl}/__simulator/counters`)).json()) as any;
    // The demo estate has 3 organisations and 5 projects: 1 org list, 3 project lists, and
    // two cluster lists (dedicated and flex) per project.
    const paths = Object.keys(counters.byPath);
    expect(paths.filter((path) => path.endsWith('/groups'))).toHaveLength(3);
    expect(paths.filter((path) => path.endsWith('/clusters'))).toHaveLength(5);
    expect(paths.filter((path) => path.endsWith('/flexClusters'))).toHaveLength(5);
  });

  it('logs Atlas calls at debug level without the private key', async () => {
    await postGraphQL(graphqlUrl, '{ organisations { nodes { id } } }');
    const logs = subgraph.output();
    expect(logs).toContain('"event":"graphql.request"');
    expect(logs).toContain('"event":"atlas.request"');
    expect(logs).not.toContain('priv-test');
  });
});

describe('demo mode', () => {
  let subgraph: Child;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    subgraph = await startNode(requireBuilt(SERVER), [], { PORT: String(port) }, 'server.listening');
  });

  afterAll(() => subgraph?.stop());

  it('says it runs in demo mode and where to point a browser', () => {
    const line = subgraph.output().split('\n').find((text) => text.includes('server.listening'))!;
    const record = JSON.parse(line);
    expect(record.message).toContain('demo mode');
    expect(record.message).toContain(`http://127.0.0.1:${port}/graphql`);
  });

  it('answers health checks and queries on the demo estate', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const result = await postGraphQL(
      `http://127.0.0.1:${port}/graphql`,
      '{ organisations(first: 1) { nodes { name users { totalCount } } pageInfo { hasNextPage } } }',
    );
    expect(result.data!.organisations.nodes[0].name).toBe('Acme Corp');
    expect(result.data!.organisations.pageInfo.hasNextPage).toBe(true);
    expect(result.data!.organisations.nodes[0].users.totalCount).toBe(9);
  });
});

describe('shutdown', () => {
  it('exits with status 0 soon after SIGTERM', async () => {
    const port = await freePort();
    const child = await startNode(requireBuilt(SERVER), [], { PORT: String(port) }, 'server.listening');
    const started = Date.now();
    const exited = new Promise<number | null>((resolveExit) => child.process.once('exit', resolveExit));
    child.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(child.output()).toContain('server.stopping');
  });
});

describe('configuration errors', () => {
  it('exits with status 2 and names the missing half of the key pair', async () => {
    await expect(
      startNode(requireBuilt(SERVER), [], { MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh' }, 'never printed', 10_000),
    ).rejects.toThrow(/code 2[\s\S]*MONGODB_ATLAS_PRIVATE_API_KEY is not set/);
  });

  it('rejects a plain-HTTP Atlas URL that is not loopback', async () => {
    await expect(
      startNode(
        requireBuilt(SERVER),
        [],
        {
          MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh',
          MONGODB_ATLAS_PRIVATE_API_KEY: 'secret-value-123',
          MONGODB_ATLAS_BASE_URL: 'http://example.com',
        },
        'never printed',
        10_000,
      ),
    ).rejects.toThrow(/code 2[\s\S]*use https:\/\//);
  });
});
