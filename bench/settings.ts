/** Run budgets and targets of the benchmark. */
import type { RunBudget } from './measure.js';

/** Timed runs per query on a cold cache, where every run reads Atlas in full. */
export const COLD_BUDGET: RunBudget = { minRuns: 3, maxRuns: 20, maxMs: 4_000 };
/** Timed runs per query on a warm cache. */
export const WARM_BUDGET: RunBudget = { minRuns: 5, maxRuns: 50, maxMs: 3_000 };
/** The throughput run: concurrent clients, each sending one request at a time. */
export const THROUGHPUT = { clients: 20, durationMs: 5_000 };
/** Latency target: p95 of every query on the medium estate with a warm cache. */
export const WARM_P95_TARGET_MS = 500;
/** Wait after closing the warm subgraph before reading memory, in milliseconds. */
export const CLOSE_SETTLE_MS = 1_000;
