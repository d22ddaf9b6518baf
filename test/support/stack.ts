/**
 * Starts the Atlas simulator and the subgraph on loopback, wired together, for integration
 * tests. Both are real HTTP servers; only the process boundary differs from production.
 */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/server.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { loadConfig } from '../../src/server/config.js';
import { startSubgraph, type RunningSubgraph } from '../../src/server/app.js';
import { silentLogger, type Logger } from '../../src/observability/logger.js';

/** A GraphQL response as tests read it. */
export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** Options for `startStack`. */
export interface StackOptions {
  dataset: Dataset;
  /** Key pair the subgraph uses; default pub-test / priv-test. */
  publicKey?: string;
  privateKey?: string;
  /** Extra environment for `loadConfig`, e.g. ATLAS_CACHE_TTL_MS. */
  env?: Record<string, string>;
  simulator?: Partial<SimulatorOptions>;
  /** Logger of the subgraph, for tests that read its `atlas.request` lines; default silent. */
  logger?: Logger;
}

/** A running simulator + subgraph pair. */
export interface Stack {
  simulator: RunningSimulator;
  subgraph: RunningSubgraph;
  url: string;
  query(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** Simulator request counts by path, without query string. */
  calls(): Record<string, number>;
  close(): Promise<void>;
}

/** Starts a simulator with `dataset` and a subgraph reading from it. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const simulator = await startSimulator({ dataset: options.dataset, port: 0, ...options.simulator });
  const config = loadConfig({
    PORT: '0',
    MONGODB_ATLAS_BASE_URL: simulator.url,
    MONGODB_ATLAS_PUBLIC_API_KEY: options.publicKey ?? 'pub-test',
    MONGODB_ATLAS_PRIVATE_API_KEY: options.privateKey ?? 'priv-test',
    ATLAS_CACHE_TTL_MS: '0',
    ATLAS_TIMEOUT_MS: '5000',
    ATLAS_MAX_RETRIES: '0',
    ...options.env,
  });
  const subgraph = await startSubgraph(config, options.logger ?? silentLogger);
  const url = subgraph.http.url;
  return {
    simulator,
    subgraph,
    url,
    query: (query, variables) => postGraphQL(url, query, variables),
    calls: () => simulator.counters().byPath,
    close: async () => {
      await subgraph.close();
      await simulator.close();
    },
  };
}

/** POSTs one operation and returns the parsed JSON body. */
export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}
