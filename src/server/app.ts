/**
 * Assembles the subgraph from a configuration: Atlas client, shared response cache, schema and
 * HTTP server, plus the built-in simulator in demo mode. `main.ts` calls it; tests call it to
 * run the whole server in-process against a simulator on loopback.
 */
import { AtlasClient, type AtlasCredential } from '../atlas/client.js';
import { AtlasResponseCache } from '../atlas/cache.js';
import type { Logger } from '../observability/logger.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { demoDataset } from '../simulator/generate.js';
import type { ServerConfig } from './config.js';
import { createContext } from './context.js';
import { startHttpServer, type RunningHttpServer } from './http.js';
import { Metrics } from './metrics.js';
import { createSubgraphSchema } from './schema.js';

/** The key pair the demo dataset's simulator accepts; it guards loopback demo data only. */
export const DEMO_CREDENTIAL: AtlasCredential = {
  kind: 'apiKey',
  publicKey: 'pub-test',
  privateKey: 'priv-test',
};

/** A running subgraph and what it started. */
export interface RunningSubgraph {
  http: RunningHttpServer;
  client: AtlasClient;
  metrics: Metrics;
  /** Set in demo mode. */
  simulator?: RunningSimulator;
  close(): Promise<void>;
}

/** Starts the subgraph described by `config`. */
export async function startSubgraph(config: ServerConfig, logger: Logger): Promise<RunningSubgraph> {
  const simulator =
    config.mode === 'demo' ? await startSimulator({ dataset: demoDataset(), port: 0, logger }) : undefined;
  const baseUrl = simulator ? simulator.url : config.atlasBaseUrl;
  const credential = simulator ? DEMO_CREDENTIAL : config.credential;
  if (!credential) throw new Error('No Atlas credential: set the API key pair or use demo mode.');

  const client = new AtlasClient({
    baseUrl,
    credential,
    logger,
    timeoutMs: config.timeoutMs,
    itemsPerPage: config.pageSize,
    retry: { maxRetries: config.maxRetries },
    cache: config.cacheTtlMs > 0 ? new AtlasResponseCache({ ttlMs: config.cacheTtlMs, max: config.cacheMax }) : undefined,
  });
  const metrics = new Metrics();

  try {
    const http = await startHttpServer({
      schema: createSubgraphSchema(),
      port: config.port,
      host: config.host,
      introspection: config.introspection,
      logger,
      metrics,
      settings: config.settings,
      createContext: () =>
        createContext({
          client,
          settings: config.settings,
          logger,
          onCall: (event) => metrics.recordCall(event),
        }),
    });
    return {
      http,
      client,
      metrics,
      simulator,
      close: async () => {
        await http.close();
        await client.close();
        await simulator?.close();
      },
    };
  } catch (error) {
    await client.close();
    await simulator?.close();
    throw error;
  }
}
