/** Result records of the benchmark and the call-count verdict. */
import type { Estate } from './estates.js';
import type { LatencySummary, MemorySnapshot, ThroughputResult } from './measure.js';
import type { EstateSize } from './model.js';
import type { BenchQuery } from './queries.js';
import type { AtlasStats } from './stack.js';

/** Atlas cost of one run of one query. */
export interface CallMeasurement {
  /** Authenticated requests the simulator received (its `byPath` counters summed). */
  simulatorCalls: number;
  byPath: Record<string, number>;
  /** `extensions.atlas` of the response. */
  atlas?: AtlasStats;
}

/** Results of one query on one estate. */
export interface QueryResult {
  query: BenchQuery;
  expectedCold: number;
  expectedWarm: number;
  cold: CallMeasurement;
  warm: CallMeasurement;
  coldLatency: LatencySummary;
  warmLatency: LatencySummary;
  responseBytes: number;
  /** Errors in responses and wrong data, empty when every response was right. */
  problems: string[];
}

/** Memory of the process after the large estate's runs. */
export interface MemoryResult {
  /** After the simulator loaded the estate, before the first subgraph started. */
  baseline: MemorySnapshot;
  /** After every warm run, with the subgraph and its response cache still alive. */
  afterRuns: MemorySnapshot;
  /** After the warm subgraph closed, with only the simulator left. */
  afterClose: MemorySnapshot;
  cacheEntries: number;
  cacheMax: number;
  cacheTtlMs: number;
}

/** Results of one estate. */
export interface EstateResult {
  estate: Estate;
  size: EstateSize;
  queries: QueryResult[];
  throughput?: ThroughputResult & { simulatorCalls: number; queryTitle: string };
  memory?: MemoryResult;
}

/**
 * Returns true when the call counts of one query on one estate match both formulas, the
 * response reports the count the simulator saw, and every response was right.
 */
export function callsPass(result: QueryResult): boolean {
  return (
    result.problems.length === 0 &&
    result.cold.simulatorCalls === result.expectedCold &&
    result.cold.atlas?.atlasCalls === result.cold.simulatorCalls &&
    result.warm.simulatorCalls === result.expectedWarm
  );
}
