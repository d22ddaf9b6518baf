/**
 * Starts the subgraph in this process against a running simulator, wired as the integration
 * tests wire it (test/support/stack.ts), and sends operations to it over loopback HTTP.
 */
import { Agent, request } from 'undici';
import { AtlasResponseCache } from '../src/atlas/cache.js';
import { silentLogger } from '../src/observability/logger.js';
import { startSubgraph, type RunningSubgraph } from '../src/server/app.js';
import { loadConfig, type ServerConfig } from '../src/server/config.js';
import type { RunningSimulator } from '../src/simulator/server.js';
import type { Operation } from './queries.js';

/** The Atlas cost a response reports in `extensions.atlas`. */
export interface AtlasStats {
  atlasCalls: number;
  cacheHits: number;
  httpRequests: number;
}

/** A parsed GraphQL response and what it cost. */
export interface Reply {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  atlas?: AtlasStats;
  /** Body size in bytes. */
  bytes: number;
  /** Wall time from sending the request to the parsed body, in milliseconds. */
  ms: number;
}

/** A subgraph started for the benchmark. */
export interface BenchSubgraph {
  config: ServerConfig;
  subgraph: RunningSubgraph;
  send(operation: Operation): Promise<Reply>;
  /** Entries in the subgraph's response cache, 0 when the cache is off. */
  cacheEntries(): number;
  close(): Promise<void>;
}

// NOTE: startSubgraph keeps its AtlasResponseCache private, so the bench records the instances
// that serve a read. Exposing the cache on RunningSubgraph would make this wrapper unnecessary.
const activeCaches = new Set<AtlasResponseCache>();
const originalLoad = AtlasResponseCache.prototype.load;
AtlasResponseCache.prototype.load = function load(this: AtlasResponseCache, key, fetch) {
  activeCaches.add(this);
  return originalLoad.call(this, key, fetch);
} as typeof originalLoad;

/** Builds the subgraph configuration the benchmark uses, with `env` added to its environment. */
export function benchConfig(simulator: RunningSimulator, env: Record<string, string>): ServerConfig {
  return loadConfig({
    PORT: '0',
    MONGODB_ATLAS_BASE_URL: simulator.url,
    MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-test',
    MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-test',
    // No retries, so that a failed Atlas read shows up as an error instead of extra calls.
    ATLAS_MAX_RETRIES: '0',
    ...env,
  });
}

/**
 * Starts a subgraph that reads `simulator` with the benchmark credential. `env` adds to the
 * environment, for example `ATLAS_CACHE_TTL_MS`.
 */
export async function startBenchSubgraph(
  simulator: RunningSimulator,
  env: Record<string, string>,
): Promise<BenchSubgraph> {
  const config = benchConfig(simulator, env);
  activeCaches.clear();
  const subgraph = await startSubgraph(config, silentLogger);
  const url = subgraph.http.url;
  // The client's own connection pool, closed with the subgraph so that no socket outlives it.
  const agent = new Agent();
  return {
    config,
    subgraph,
    send: (operation) => postOperation(agent, url, operation),
    cacheEntries: () => [...activeCaches].reduce((total, cache) => total + cache.size, 0),
    close: async () => {
      await agent.close();
      await subgraph.close();
      activeCaches.clear();
    },
  };
}

/** POSTs one operation through `agent` and parses the response. */
export async function postOperation(agent: Agent, url: string, operation: Operation): Promise<Reply> {
  const started = performance.now();
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(operation),
    dispatcher: agent,
  });
  const text = await response.body.text();
  const ms = performance.now() - started;
  let body: { data?: Reply['data']; errors?: Reply['errors']; extensions?: { atlas?: AtlasStats } };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(
      `The subgraph returned HTTP ${response.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`,
    );
  }
  return {
    data: body.data,
    errors: body.errors,
    atlas: body.extensions?.atlas,
    bytes: Buffer.byteLength(text),
    ms,
  };
}
