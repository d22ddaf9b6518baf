/**
 * Settings the resolvers read at run time. Parsed once from the environment in config.ts.
 */

/** Run-time settings resolvers and checks depend on. */
export interface ServerSettings {
  /** Largest `first` a connection accepts. Default 500. */
  maxPageSize: number;
  /** Checks and access-review thresholds; see src/compliance/config.ts. */
  compliance: Record<string, unknown>;
}

/** Defaults used by tests and the demo. */
export const defaultServerSettings: ServerSettings = {
  maxPageSize: 500,
  compliance: {},
};
