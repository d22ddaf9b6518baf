/**
 * Measures Atlas calls, latency, throughput and memory of the subgraph against the simulator
 * for three estate sizes, checks the call counts against formulas derived from the loaders, and
 * writes docs/benchmarks.md. bench/run.ts is the entry point.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '../src/simulator/server.js';
import { ESTATES, type Estate } from './estates.js';
import {
  enableGc,
  measureThroughput,
  memorySnapshot,
  summarise,
  timeRuns,
  type MemorySnapshot,
} from './measure.js';
import { sizeOf, type EstateModel } from './model.js';
import { QUERIES, THROUGHPUT_QUERY_ID, type BenchQuery } from './queries.js';
import { describeMachine, renderReport } from './report.js';
import { callsPass, type CallMeasurement, type EstateResult, type MemoryResult } from './results.js';
import { CLOSE_SETTLE_MS, COLD_BUDGET, THROUGHPUT, WARM_BUDGET } from './settings.js';
import { benchConfig, startBenchSubgraph, type BenchSubgraph, type Reply } from './stack.js';

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((total, value) => total + value, 0);
}

/** Sends `query` once with fresh simulator counters and records the calls it made. */
async function countedRun(
  simulator: RunningSimulator,
  stack: BenchSubgraph,
  query: BenchQuery,
  model: EstateModel,
  problems: string[],
): Promise<{ calls: CallMeasurement; reply: Reply }> {
  simulator.resetCounters();
  const reply = await stack.send(query.build(model));
  const counters = simulator.counters();
  problems.push(...replyProblems(reply, query, model));
  const calls = {
    simulatorCalls: sumValues(counters.byPath),
    byPath: counters.byPath,
    atlas: reply.atlas,
  };
  return { calls, reply };
}

/** Binds `replyProblems` to one query, for the timed runs. */
function problemsOf(query: BenchQuery, model: EstateModel) {
  return (reply: Reply) => replyProblems(reply, query, model);
}

/** Lists what is wrong with a reply: GraphQL errors, missing data, wrong counts. */
function replyProblems(reply: Reply, query: BenchQuery, model: EstateModel): string[] {
  const problems = (reply.errors ?? []).map(
    (error) => `error ${String(error.extensions?.code ?? '')}: ${error.message}`,
  );
  if (!reply.data) return [...problems, 'response has no data'];
  const wrong = query.verify(reply.data, model);
  return wrong ? [...problems, wrong] : problems;
}

/** Runs every query on a cold cache: one counted run, then timed runs. */
async function runCold(simulator: RunningSimulator, model: EstateModel) {
  const stack = await startBenchSubgraph(simulator, { ATLAS_CACHE_TTL_MS: '0' });
  try {
    const results = [];
    for (const query of QUERIES) {
      const problems: string[] = [];
      const { calls, reply } = await countedRun(simulator, stack, query, model, problems);
      const operation = query.build(model);
      const timed = await timeRuns(() => stack.send(operation), problemsOf(query, model), COLD_BUDGET);
      problems.push(...timed.problems);
      const latency = summarise(timed.samples);
      results.push({ calls, latency, bytes: reply.bytes, problems });
      log(`  cold ${query.id}: ${calls.simulatorCalls} calls, p95 ${latency.p95.toFixed(1)} ms`);
      for (const problem of new Set(problems)) log(`    problem: ${problem}`);
    }
    return results;
  } finally {
    await stack.close();
  }
}

/**
 * Runs every query on a warm cache with the default TTL: one run to fill the cache, one
 * counted run, then timed runs. On the medium estate it also runs the throughput test, and on
 * the large one it reads memory before closing the subgraph.
 */
async function runWarm(
  simulator: RunningSimulator,
  model: EstateModel,
  estate: Estate,
  baseline: MemorySnapshot | undefined,
) {
  const stack = await startBenchSubgraph(simulator, {});
  try {
    const results = [];
    for (const query of QUERIES) {
      const problems: string[] = [];
      const operation = query.build(model);
      problems.push(...replyProblems(await stack.send(operation), query, model));
      const { calls } = await countedRun(simulator, stack, query, model, problems);
      const timed = await timeRuns(() => stack.send(operation), problemsOf(query, model), WARM_BUDGET);
      problems.push(...timed.problems);
      const latency = summarise(timed.samples);
      results.push({ calls, latency, problems });
      log(`  warm ${query.id}: ${calls.simulatorCalls} calls, p95 ${latency.p95.toFixed(1)} ms`);
      for (const problem of new Set(problems)) log(`    problem: ${problem}`);
    }
    const throughput = estate.name === 'medium' ? await runThroughput(simulator, stack, model) : undefined;
    const memory =
      baseline === undefined
        ? undefined
        : {
            baseline,
            afterRuns: memorySnapshot(),
            cacheEntries: stack.cacheEntries(),
            cacheMax: stack.config.cacheMax,
            cacheTtlMs: stack.config.cacheTtlMs,
          };
    return { results, throughput, memory };
  } finally {
    await stack.close();
  }
}

/** Sends the cheap query from concurrent clients against a warm cache. */
async function runThroughput(simulator: RunningSimulator, stack: BenchSubgraph, model: EstateModel) {
  const query = QUERIES.find((candidate) => candidate.id === THROUGHPUT_QUERY_ID)!;
  const operation = query.build(model);
  await stack.send(operation);
  simulator.resetCounters();
  const isOk = (reply: Reply) => problemsOf(query, model)(reply).length === 0;
  const result = await measureThroughput(
    () => stack.send(operation),
    isOk,
    THROUGHPUT.clients,
    THROUGHPUT.durationMs,
  );
  const simulatorCalls = sumValues(simulator.counters().byPath);
  log(`  throughput: ${result.requestsPerSecond.toFixed(0)} requests/s, ${result.failed} failed`);
  return { ...result, simulatorCalls, queryTitle: query.title };
}

async function runEstate(estate: Estate): Promise<EstateResult> {
  const dataset = estate.build();
  // The rate limit is off so that the counts and latencies are the subgraph's own, not the
  // simulator's token buckets.
  const simulator = await startSimulator({ dataset, port: 0, rateLimit: false });
  const baseline = estate.name === 'large' ? memorySnapshot() : undefined;
  try {
    const model: EstateModel = { dataset, pageSize: benchConfig(simulator, {}).pageSize };
    log(`${estate.name} estate`);
    const cold = await runCold(simulator, model);
    const warm = await runWarm(simulator, model, estate, baseline);
    const queries = QUERIES.map((query, i) => ({
      query,
      expectedCold: query.expectedCold(model),
      expectedWarm: query.expectedWarm(model),
      cold: cold[i].calls,
      warm: warm.results[i].calls,
      coldLatency: cold[i].latency,
      warmLatency: warm.results[i].latency,
      responseBytes: cold[i].bytes,
      problems: [...cold[i].problems, ...warm.results[i].problems],
    }));
    // The warm subgraph is closed by now, so this reading shows what its cache had held. Its
    // objects stay reachable for a moment after close() resolves, hence the wait.
    let memory: MemoryResult | undefined;
    if (warm.memory) {
      await sleep(CLOSE_SETTLE_MS);
      memory = { ...warm.memory, afterClose: memorySnapshot() };
    }
    return { estate, size: sizeOf(dataset), queries, throughput: warm.throughput, memory };
  } finally {
    await simulator.close();
  }
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Runs every estate, writes the report and returns true when every call-count target held. */
export async function main(): Promise<boolean> {
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const gcEnabled = enableGc();
  const results: EstateResult[] = [];
  for (const estate of ESTATES) results.push(await runEstate(estate));
  const durationMs = performance.now() - started;
  const passed = results.every((estate) => estate.queries.every(callsPass));
  const report = renderReport({
    machine: describeMachine(),
    results,
    durationMs,
    gcEnabled,
    nodeEnv: process.env.NODE_ENV ?? 'unset',
    loadAverage: { start: loadAtStart, end: loadavg()[0] },
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
  const target = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
  writeFileSync(target, report);
  log(`Wrote ${target} in ${(durationMs / 1000).toFixed(0)} s; call-count targets ${passed ? 'passed' : 'FAILED'}.`);
  return passed;
}
