/** Renders the benchmark results as docs/benchmarks.md. */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import { callsPass, type EstateResult, type QueryResult } from './results.js';
import { CLOSE_SETTLE_MS, COLD_BUDGET, THROUGHPUT, WARM_BUDGET, WARM_P95_TARGET_MS } from './settings.js';
import type { LatencySummary, MemorySnapshot } from './measure.js';
import { ENTITY_BATCH, QUERIES } from './queries.js';

/** The machine and code a run measured. */
export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  os: string;
  node: string;
  date: string;
  commit: string;
}

export function describeMachine(): Machine {
  let commit = 'unknown (git rev-parse failed)';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // Not a git checkout, so the report names no commit.
  }
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    commit,
  };
}

/** Everything the report shows. */
export interface ReportInput {
  machine: Machine;
  results: readonly EstateResult[];
  durationMs: number;
  gcEnabled: boolean;
  /** One-minute load averages when the run started and ended, because other processes skew latency. */
  loadAverage: { start: number; end: number };
  /** NODE_ENV the run used. */
  nodeEnv: string;
  /** Peak resident set size of the whole run, in bytes. */
  peakRssBytes: number;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Formats `n` with its noun, plural unless n is 1. */
function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function formatLatency(latency: LatencySummary): string {
  if (latency.runs === 0) return 'not measured';
  return `${ms(latency.p50)} / ${ms(latency.p95)} / ${ms(latency.max)} (${latency.runs})`;
}

function passFail(ok: boolean): string {
  return ok ? 'PASS' : '**FAIL**';
}

function warmLatencyPass(estate: EstateResult, result: QueryResult): boolean | undefined {
  if (estate.estate.name !== 'medium') return undefined;
  return result.warmLatency.p95 < WARM_P95_TARGET_MS;
}

function setupSection(input: ReportInput): string[] {
  const { machine } = input;
  return [
    '## How it was measured',
    '',
    `- Machine: ${machine.cpus} CPUs as \`nproc\` counts them, ${machine.cpuModel}, ` +
      `${mib(machine.memoryBytes)} memory, ${machine.os}, Node.js ${machine.node}.`,
    `- Load: the one-minute load average was ${input.loadAverage.start.toFixed(2)} when the run ` +
      `started and ${input.loadAverage.end.toFixed(2)} when it ended. The bench itself keeps about ` +
      'one core busy, and the build that `npm run bench` runs first counts in the start figure. ' +
      'A figure well above 1 means other processes competed for the 2 CPUs and the latencies are ' +
      'too high.',
    `- Code: commit \`${machine.commit}\` plus any uncommitted changes in the working tree. ` +
      `The whole run took ${(input.durationMs / 1000).toFixed(0)} s.`,
    `- \`NODE_ENV=${input.nodeEnv}\`. The container image runs with \`production\`, and ` +
      'bench/run.ts sets it when NODE_ENV is unset. Outside production graphql-js adds ' +
      'development-mode `instanceOf` checks, which slow the execution of large responses.',
    '- One Node.js process runs the simulator (`startSimulator`), the subgraph (`startSubgraph`) ' +
      'and the client, talking over loopback HTTP. They share one event loop, so every latency ' +
      'below includes the simulator\'s work and the client\'s, and the process uses one core for ' +
      'JavaScript.',
    '- The simulator checks HTTP Digest as Atlas does. Its rate limit is off, so that the figures ' +
      'are the subgraph\'s own and not the simulator\'s token buckets. It works out every ' +
      'user\'s teams from all member lists on each user-list request, whichever page is asked ' +
      'for, and on the large estate that work is most of the cold latency of the user lists.',
    '- The subgraph gets the environment the integration tests use: `PORT=0`, ' +
      '`MONGODB_ATLAS_BASE_URL` set to the simulator and the key pair `pub-test`/`priv-test`. ' +
      '`ATLAS_MAX_RETRIES=0` makes a failed read show up as an error and not as extra calls. ' +
      'Every per-operation limit keeps its default; the largest response, all database users ' +
      'of the large estate, returns 50,251 list items, a quarter of `MAX_RESULT_NODES`. ' +
      '`ATLAS_PAGE_SIZE` and `MAX_PAGE_SIZE` keep their default of 500.',
    '- **Cold**: a subgraph with `ATLAS_CACHE_TTL_MS=0` (no response cache). The first request of ' +
      'each query is the counted run and also warms up the JIT; the timed runs follow it.',
    '- **Warm**: a second subgraph with the default cache (`ATLAS_CACHE_TTL_MS` 60000, ' +
      '`ATLAS_CACHE_MAX` 5000). One request fills the cache, the second is the counted run, and ' +
      'the timed runs follow.',
    '- **Atlas calls**: before a counted run the simulator\'s counters are reset. "Simulator" is ' +
      'the sum of its `counters().byPath`, which counts every authenticated request, each page of ' +
      'a list included; Digest challenges are not in it. "Extensions" is the response\'s ' +
      '`extensions.atlas`: `atlasCalls` counts each page read from Atlas and each cache hit, and ' +
      '`httpRequests` adds the Digest challenges.',
    `- **Latency**: wall time in the client from sending the POST to the parsed body, one request ` +
      `at a time. Cold: ${COLD_BUDGET.minRuns} to ${COLD_BUDGET.maxRuns} runs, stopping after ` +
      `${COLD_BUDGET.maxMs / 1000} s once ${COLD_BUDGET.minRuns} have run. Warm: ` +
      `${WARM_BUDGET.minRuns} to ${WARM_BUDGET.maxRuns} runs within ${WARM_BUDGET.maxMs / 1000} s. ` +
      'Percentiles are nearest-rank, so with fewer than 20 runs p95 equals the maximum. Columns ' +
      'show p50 / p95 / max in milliseconds, with the number of runs in brackets.',
    `- **Throughput**: ${THROUGHPUT.clients} concurrent clients, each sending the next request ` +
      `when the previous one returns, for ${THROUGHPUT.durationMs / 1000} s, on the medium estate ` +
      'with a warm cache.',
    '- **Memory**: `process.memoryUsage()` of the whole process (simulator and dataset included), ' +
      (input.gcEnabled
        ? 'read after a full garbage collection (`--expose-gc` set at run time through `node:v8`).'
        : 'read without a forced garbage collection, because V8 refused `--expose-gc`.'),
    '',
  ];
}

function legendSection(): string[] {
  const rows = QUERIES.map(
    (query) => `| ${query.title} | \`${query.coldFormula}\` | \`${query.warmFormula}\` |`,
  );
  return [
    '## Targets',
    '',
    'Call counts are checked on every estate. When one fails, or a response has an error or the ' +
      'wrong number of items, `npm run bench` exits with status 1.',
    '',
    '- Cold: the simulator receives exactly the number of requests the formula below gives for ' +
      'the estate.',
    '- Cold: `extensions.atlas.atlasCalls` equals the simulator\'s count, so the cost a response ' +
      'reports is the cost Atlas sees.',
    '- Warm: the second run sends exactly the warm formula\'s number of requests to the simulator.',
    '- Every response has no `errors` and the expected number of projects, clusters, users or ' +
      'entities.',
    '',
    `Latency target, reported but not part of the exit status: p95 < ${WARM_P95_TARGET_MS} ms for ` +
      'every query on the medium estate with a warm cache.',
    '',
    'The formulas follow from what the loaders read: one list per project for clusters (plus one ' +
      'flex-cluster list) and database users, one list per organisation for projects, users and ' +
      'teams, and identical reads shared within an operation. An `_entities` batch reads a ' +
      'project\'s two cluster lists when it names two or more of that project\'s clusters, and ' +
      'each cluster by name otherwise. The bench computes each term from the dataset the simulator ' +
      'serves. While every list fits in one page, project names cost 1 + O calls and the clusters ' +
      'of N projects in one organisation 2N + 2.',
    '',
    '| query | cold | warm (second run) |',
    '|---|---|---|',
    ...rows,
    '',
    '`pages(n)` = max(1, ⌈n / 500⌉), the requests a list of n items needs. O: organisations. ' +
      'P: projects (of each organisation, or of the first one for the single-organisation queries). ' +
      'C, F, D, A: dedicated or shared-tier clusters, flex clusters, database users and IP ' +
      'access-list entries of a project. U: organisation users listed by default (ACTIVE and ' +
      'PENDING). U*: users of every status. T: teams. K: API keys. S: service accounts. ' +
      `R: the references in the \`_entities\` batch (the first ${ENTITY_BATCH} clusters of the ` +
      'estate) that name a cluster of one project P(R). The compliance term 2 is the settings and ' +
      'federation settings reads, and the 9 per project are the custom roles, the audit log, the ' +
      'encryption-at-rest settings and one private-endpoint and one peering read per cloud ' +
      'provider (AWS, Azure, GCP). C_noTLS: dedicated clusters whose description lacks the TLS ' +
      'floor, for which compliance reads processArgs.',
    '',
  ];
}

function extensionsCell(result: QueryResult['cold']): string {
  if (!result.atlas) return 'missing';
  return `${result.atlas.atlasCalls} / ${result.atlas.httpRequests}`;
}

function estateSection(estate: EstateResult): string[] {
  const { size } = estate;
  const callRows = estate.queries.map((result) => {
    const warmAtlas = result.warm.atlas
      ? `${result.warm.atlas.atlasCalls} / ${result.warm.atlas.cacheHits}`
      : 'missing';
    return (
      `| ${result.query.title} | ${result.expectedCold} | ${result.cold.simulatorCalls} | ` +
      `${extensionsCell(result.cold)} | ${result.expectedWarm} | ${result.warm.simulatorCalls} | ` +
      `${warmAtlas} | ${passFail(callsPass(result))} |`
    );
  });
  const latencyRows = estate.queries.map((result) => {
    const target = warmLatencyPass(estate, result);
    return (
      `| ${result.query.title} | ${formatLatency(result.coldLatency)} | ` +
      `${formatLatency(result.warmLatency)} | ${formatSize(result.responseBytes)} |` +
      (target === undefined ? '' : ` ${passFail(target)} |`)
    );
  });
  const latencyHeader =
    estate.estate.name === 'medium'
      ? [`| query | cold | warm | response | warm p95 < ${WARM_P95_TARGET_MS} ms |`, '|---|---|---|---|---|']
      : ['| query | cold | warm | response |', '|---|---|---|---|'];
  return [
    `### ${estate.estate.name}`,
    '',
    `Source: ${estate.estate.source}. Counted from the dataset: ` +
      `${count(size.organisations, 'organisation')}, ${count(size.projects, 'project')}, ` +
      `${count(size.clusters, 'cluster')} and ${count(size.flexClusters, 'flex cluster')}, ` +
      `${count(size.databaseUsers, 'database user')}, ` +
      `${count(size.organisationUsers, 'organisation user')}, ${count(size.teams, 'team')}.`,
    '',
    '| query | expected cold | simulator cold | extensions cold (calls / HTTP) | expected warm | ' +
      'simulator warm | extensions warm (calls / cache hits) | calls |',
    '|---|---|---|---|---|---|---|---|',
    ...callRows,
    '',
    'Latency in ms, p50 / p95 / max (runs):',
    '',
    ...latencyHeader,
    ...latencyRows,
    '',
  ];
}

function throughputSection(results: readonly EstateResult[]): string[] {
  const estate = results.find((candidate) => candidate.throughput);
  const throughput = estate?.throughput;
  if (!estate || !throughput) return [];
  return [
    '## Throughput',
    '',
    `${capitalise(estate.estate.name)} estate, warm cache, query "${throughput.queryTitle}", ` +
      `${throughput.clients} concurrent clients for ${(throughput.durationMs / 1000).toFixed(1)} s:`,
    '',
    '| requests/s | completed | failed | latency p50 / p95 / max (ms) | Atlas requests during the run |',
    '|---|---|---|---|---|',
    `| ${throughput.requestsPerSecond.toFixed(0)} | ${throughput.completed} | ${throughput.failed} | ` +
      `${ms(throughput.latency.p50)} / ${ms(throughput.latency.p95)} / ${ms(throughput.latency.max)} | ` +
      `${throughput.simulatorCalls} |`,
    '',
  ];
}

function memoryRow(label: string, snapshot: MemorySnapshot): string {
  return (
    `| ${label} | ${mib(snapshot.rss)} | ${mib(snapshot.heapTotal)} | ${mib(snapshot.heapUsed)} | ` +
    `${mib(snapshot.external)} |`
  );
}

function memorySection(results: readonly EstateResult[], peakRssBytes: number): string[] {
  const estate = results.find((candidate) => candidate.memory);
  const memory = estate?.memory;
  if (!estate || !memory) return [];
  const cacheHeap = memory.afterRuns.heapUsed - memory.afterClose.heapUsed;
  return [
    '## Memory',
    '',
    `${capitalise(estate.estate.name)} estate, whole process:`,
    '',
    '| reading | RSS | heapTotal | heapUsed | external |',
    '|---|---|---|---|---|',
    memoryRow('simulator loaded, no subgraph started yet', memory.baseline),
    memoryRow('after the cold and warm runs, warm subgraph still running', memory.afterRuns),
    memoryRow(`${CLOSE_SETTLE_MS / 1000} s after the warm subgraph closed`, memory.afterClose),
    '',
    `The warm subgraph and its response cache held ${mib(cacheHeap)} of heap: heapUsed with it ` +
      `running minus heapUsed after it closed. The cache had ${memory.cacheEntries} entries ` +
      `(limit ${memory.cacheMax}, TTL ${memory.cacheTtlMs} ms), a count that includes entries ` +
      'past their TTL that lru-cache has not evicted yet. RSS does not shrink when the heap does, ' +
      `so it shows the run's high-water mark more than what is live. Peak RSS of the whole run: ` +
      `${mib(peakRssBytes)}.`,
    '',
  ];
}

/** Groups request paths by template, for the failure details. */
function pathTemplate(path: string): string {
  return path
    .replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/{id}')
    .replace(/\/(clusters|flexClusters)\/[^/]+/g, '/$1/{name}');
}

function byTemplate(byPath: Record<string, number>): string {
  const grouped = new Map<string, number>();
  for (const [path, count] of Object.entries(byPath)) {
    const template = pathTemplate(path.replace(/^\/api\/atlas\/v2/, ''));
    grouped.set(template, (grouped.get(template) ?? 0) + count);
  }
  return [...grouped.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([template, count]) => `\`${template}\` ${count}`)
    .join(', ');
}

function failureSection(results: readonly EstateResult[]): string[] {
  const failures = results.flatMap((estate) =>
    estate.queries
      .filter((result) => !callsPass(result))
      .map((result) => {
        const distinct = [...new Set(result.problems)];
        const problems = distinct.length > 0 ? ` Problems: ${distinct.join('; ')}.` : '';
        return (
          `- ${estate.estate.name}, ${result.query.title}: cold ${result.cold.simulatorCalls} ` +
          `(expected ${result.expectedCold}), warm ${result.warm.simulatorCalls} (expected ` +
          `${result.expectedWarm}). Cold requests by path: ${byTemplate(result.cold.byPath)}. ` +
          `Warm requests by path: ${byTemplate(result.warm.byPath) || 'none'}.${problems}`
        );
      }),
  );
  if (failures.length === 0) return [];
  return ['## Failed call-count targets', '', ...failures, ''];
}

export function renderReport(input: ReportInput): string {
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` (bench/run.ts) on ${input.machine.date}. The script writes this ` +
      'page; rerun it instead of editing the numbers.',
    '',
    ...setupSection(input),
    ...legendSection(),
    '## Results',
    '',
    ...input.results.flatMap(estateSection),
    ...throughputSection(input.results),
    ...memorySection(input.results, input.peakRssBytes),
    ...failureSection(input.results),
  ];
  return lines.join('\n');
}
