/**
 * Settings the resolvers read at run time. Parsed once from the environment in config.ts.
 */

/** Run-time settings resolvers and checks depend on. */
export interface ServerSettings {
  /** Largest `first` a connection accepts. Default 500. */
  maxPageSize: number;
  /** Most connection items one operation may return, all connections together. Default 200000. */
  maxResultNodes: number;
  /** Most distinct Atlas calls one operation may start. Default 5000. */
  maxAtlasCallsPerOperation: number;
  /** Time after which an operation starts no further Atlas calls, in ms. Default 60000. */
  operationTimeoutMs: number;
  /** Deepest field nesting an operation may select, introspection aside. Default 20. */
  maxQueryDepth: number;
  /** Most fields an operation may select, counting aliases and fragment spreads. Default 1500. */
  maxQueryFields: number;
  /** Most representations one operation's `_entities` fields may receive. Default 1000. */
  maxEntityRepresentations: number;
  /** Checks and access-review thresholds; see src/compliance/config.ts. */
  compliance: Record<string, unknown>;
}

/** Defaults used by tests and the demo. */
export const defaultServerSettings: ServerSettings = {
  maxPageSize: 500,
  maxResultNodes: 200_000,
  maxAtlasCallsPerOperation: 5000,
  operationTimeoutMs: 60_000,
  maxQueryDepth: 20,
  maxQueryFields: 1500,
  maxEntityRepresentations: 1000,
  compliance: {},
};
