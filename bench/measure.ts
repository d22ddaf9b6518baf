/** Latency percentiles, bounded run loops, the throughput run and memory snapshots. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Reply } from './stack.js';

/** Latency over a number of runs, in milliseconds. */
export interface LatencySummary {
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** Limits of one timed loop: it stops at `maxRuns` or after `maxMs`, but not before `minRuns`. */
export interface RunBudget {
  minRuns: number;
  maxRuns: number;
  maxMs: number;
}

/** Nearest-rank percentile of ascending `sorted`, for `p` from 0 to 100. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Latencies of the runs that returned a right reply, and the problems of the first wrong one. */
export interface TimedRuns {
  samples: number[];
  problems: string[];
}

/**
 * Runs `send` one at a time within `budget` and returns each run's latency. It stops at the
 * first reply for which `problemsOf` lists a problem, so that an error never passes as a fast
 * run.
 */
export async function timeRuns(
  send: () => Promise<Reply>,
  problemsOf: (reply: Reply) => string[],
  budget: RunBudget,
): Promise<TimedRuns> {
  const samples: number[] = [];
  const deadline = performance.now() + budget.maxMs;
  while (
    samples.length < budget.maxRuns &&
    (samples.length < budget.minRuns || performance.now() < deadline)
  ) {
    const reply = await send();
    const problems = problemsOf(reply);
    if (problems.length > 0) return { samples, problems };
    samples.push(reply.ms);
  }
  return { samples, problems: [] };
}

/** Outcome of the throughput run. */
export interface ThroughputResult {
  clients: number;
  durationMs: number;
  completed: number;
  failed: number;
  requestsPerSecond: number;
  latency: LatencySummary;
}

/**
 * Runs `clients` loops that each send `send` back to back until `durationMs` has passed. A
 * reply that `isOk` rejects, or a thrown request, counts as failed.
 */
export async function measureThroughput(
  send: () => Promise<Reply>,
  isOk: (reply: Reply) => boolean,
  clients: number,
  durationMs: number,
): Promise<ThroughputResult> {
  const samples: number[] = [];
  let failed = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const client = async () => {
    while (performance.now() < deadline) {
      try {
        const reply = await send();
        if (isOk(reply)) samples.push(reply.ms);
        else failed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = performance.now() - started;
  return {
    clients,
    durationMs: elapsed,
    completed: samples.length,
    failed,
    requestsPerSecond: (samples.length / elapsed) * 1000,
    latency: summarise(samples),
  };
}

/** Process memory in bytes. */
export interface MemorySnapshot {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** Memory of C++ objects bound to JavaScript objects, Buffers included. */
  external: number;
  /** True when a full garbage collection ran just before the reading. */
  afterGc: boolean;
}

let collectGarbage: (() => void) | undefined;

/**
 * Makes `global.gc` available without a command-line flag, so heap readings after a full
 * collection are comparable between runs. Returns false when V8 rejects the flag.
 */
export function enableGc(): boolean {
  try {
    setFlagsFromString('--expose-gc');
    collectGarbage = runInNewContext('gc') as () => void;
    return typeof collectGarbage === 'function';
  } catch {
    collectGarbage = undefined;
    return false;
  }
}

export function memorySnapshot(): MemorySnapshot {
  collectGarbage?.();
  const usage = process.memoryUsage();
  return {
    rss: usage.rss,
    heapTotal: usage.heapTotal,
    heapUsed: usage.heapUsed,
    external: usage.external,
    afterGc: collectGarbage !== undefined,
  };
}
