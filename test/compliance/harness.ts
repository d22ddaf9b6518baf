/**
 * Runs compliance queries against the built subgraph schema, with a real Atlas simulator on
 * loopback behind a real AtlasClient and a fixed clock.
 */
import { createRequire } from 'node:module';
import { AtlasClient } from '../../src/atlas/client.js';
import { silentLogger } from '../../src/observability/logger.js';
import { createContext } from '../../src/server/context.js';
import { createSubgraphSchema } from '../../src/server/schema.js';
import { defaultServerSettings } from '../../src/server/settings.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import type { ComplianceConfig } from '../../src/compliance/config.js';

// @apollo/subgraph builds the schema with graphql's CommonJS build. Executing it with the ESM
// build fails graphql's one-instance check, so the harness loads the CommonJS module too.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** A simulator plus a function that executes operations against the subgraph schema. */
export interface ComplianceHarness {
  simulator: RunningSimulator;
  query(
    source: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: any; errors?: readonly any[] }>;
  close(): Promise<void>;
}

/** Starts a simulator serving `dataset` and a client using `publicKey`/`privateKey`. */
export async function startHarness(
  dataset: Dataset,
  options: {
    now: number;
    publicKey?: string;
    privateKey?: string;
    compliance?: Partial<ComplianceConfig>;
  },
): Promise<ComplianceHarness> {
  const simulator = await startSimulator({ dataset, port: 0, host: '127.0.0.1', rateLimit: false });
  const client = new AtlasClient({
    baseUrl: simulator.url,
    credential: {
      kind: 'apiKey',
      publicKey: options.publicKey ?? 'pub-test',
      privateKey: options.privateKey ?? 'priv-test',
    },
    retry: { maxRetries: 0 },
    timeoutMs: 5000,
  });
  const schema = createSubgraphSchema();
  const settings = { ...defaultServerSettings, compliance: { ...options.compliance } };
  return {
    simulator,
    query: async (source, variables) => {
      const contextValue = createContext(
        { client, settings, logger: silentLogger, now: () => options.now },
      );
      const result = await graphql({ schema, source, variableValues: variables, contextValue });
      return JSON.parse(JSON.stringify(result));
    },
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}
