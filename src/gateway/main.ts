/**
 * `npm run gateway`: runs the Atlas subgraph and the example directory subgraph as child
 * processes on loopback, composes them, and serves the supergraph with @apollo/gateway.
 *
 * Env: `GATEWAY_PORT` (default 4000), `SUBGRAPH_PORT` (default 4001), `DIRECTORY_PORT` (default
 * 4002). Everything else, such as the `MONGODB_ATLAS_*` settings, passes through to the Atlas
 * subgraph, which runs in demo mode when no API keys are set. SIGINT or SIGTERM stops all
 * children. Exits 1, naming the child, when a child fails to start or dies.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createLogger, type Logger } from '../observability/logger.js';
import { depthLimitRule } from '../server/plugins/operation-limits.js';
import { defaultServerSettings } from '../server/settings.js';
import { startGraphQLHttpServer, type RunningHttpServer } from './http.js';
import { isPortFree, parsePortEnv } from './ports.js';
import { ChildStartError, startChild, type RunningChild } from './processes.js';
import { composeSupergraph, loopbackSubgraphUrls, type SubgraphUrls } from './supergraph.js';

const logger = createLogger();
const distDir = path.dirname(fileURLToPath(import.meta.url));

/** Everything `shutdown` must stop, filled in as startup proceeds. */
const running: { children: RunningChild[]; http?: RunningHttpServer; apollo?: ApolloServer } = {
  children: [],
};
let shuttingDown = false;

async function shutdown(exitCode: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    await running.http?.close().catch(() => undefined);
    await running.apollo?.stop().catch(() => undefined);
    await Promise.all(running.children.map((child) => child.stop()));
    logger.info('gateway.stopped', 'Gateway and subgraph processes stopped.', { exitCode });
  }
  process.exit(exitCode);
}

function onChildExit(name: string, code: number | null, signal: string | null): void {
  if (shuttingDown) return;
  logger.error('gateway.child_exited', `Subgraph process "${name}" exited unexpectedly; ` +
    'stopping the gateway. Check its log lines above.', { child: name, code, signal });
  void shutdown(1);
}

/** Starts both subgraphs in parallel, and stops whichever started when the other fails. */
async function startSubgraphs(ports: { atlas: number; directory: number }): Promise<void> {
  const specs = [
    {
      name: 'atlas',
      script: path.resolve(distDir, '../server/main.js'),
      env: { ...process.env, PORT: String(ports.atlas) },
      healthUrl: `http://127.0.0.1:${ports.atlas}/healthz`,
    },
    {
      name: 'directory',
      script: path.resolve(distDir, '../../examples/directory/main.js'),
      env: { ...process.env, PORT: String(ports.directory) },
      healthUrl: `http://127.0.0.1:${ports.directory}/healthz`,
    },
  ];
  const results = await Promise.allSettled(
    specs.map((spec) => startChild(spec, { logger, onUnexpectedExit: onChildExit })),
  );
  for (const result of results) {
    if (result.status === 'fulfilled') running.children.push(result.value);
  }
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
}

async function startGateway(urls: SubgraphUrls, port: number, log: Logger) {
  const { supergraphSdl } = composeSupergraph(urls);
  const gateway = new ApolloGateway({ supergraphSdl, logger: gatewayLogger(log) });
  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: false,
    // The Atlas subgraph rejects deep operations with HTTP 400, which the gateway would report
    // as an opaque "400: Bad Request". Checking the same limit here gives the client the reason.
    validationRules: [depthLimitRule(maxQueryDepth())],
    // Apollo's own handler would re-raise the signal and kill this process before the children
    // are stopped, so `shutdown` owns SIGINT and SIGTERM.
    stopOnTerminationSignals: false,
  });
  running.apollo = apollo;
  await apollo.start();
  running.http = await startGraphQLHttpServer({ apollo, port });
  return running.http;
}

/** Adapts our structured logger to the `Logger` shape @apollo/gateway expects. */
function gatewayLogger(log: Logger) {
  const text = (args: unknown[]) => args.map(String).join(' ');
  return {
    debug: (...args: unknown[]) => log.debug('gateway.apollo', text(args)),
    info: (...args: unknown[]) => log.info('gateway.apollo', text(args)),
    warn: (...args: unknown[]) => log.warn('gateway.apollo', text(args)),
    error: (...args: unknown[]) => log.error('gateway.apollo', text(args)),
  };
}

/** Reads the subgraph's depth limit from the same variable the subgraph child reads. */
function maxQueryDepth(): number {
  const raw = process.env.MAX_QUERY_DEPTH;
  const value = raw ? Number(raw) : defaultServerSettings.maxQueryDepth;
  if (!Number.isInteger(value) || value < 1) {
    configurationError(`Invalid MAX_QUERY_DEPTH="${raw}": expected an integer of 1 or more.`);
  }
  return value;
}

/** Stops with status 2 and a message naming the variable to change. */
function configurationError(message: string): never {
  logger.error('gateway.failed', message);
  process.exit(2);
}

/** Reads the three ports and checks, before anything starts, that they differ and are free. */
async function readPorts() {
  const names = ['GATEWAY_PORT', 'SUBGRAPH_PORT', 'DIRECTORY_PORT'] as const;
  const defaults = { GATEWAY_PORT: 4000, SUBGRAPH_PORT: 4001, DIRECTORY_PORT: 4002 };
  const ports = {} as Record<(typeof names)[number], number>;
  for (const name of names) {
    try {
      ports[name] = parsePortEnv(name, defaults[name]);
    } catch (error) {
      configurationError((error as Error).message);
    }
  }
  const claimedBy = new Map<number, string>();
  for (const name of names) {
    const other = claimedBy.get(ports[name]);
    if (other !== undefined && ports[name] !== 0) {
      configurationError(`${name} and ${other} are both ${ports[name]}: give each process its own port.`);
    }
    claimedBy.set(ports[name], name);
    // On a busy port another server would respond to this gateway's readiness checks.
    if (ports[name] !== 0 && !(await isPortFree(ports[name]))) {
      configurationError(
        `Port ${ports[name]} (${name}) is in use: stop the process listening there, or set ${name}.`,
      );
    }
  }
  return ports;
}

async function main(): Promise<void> {
  const ports = await readPorts();
  const gatewayPort = ports.GATEWAY_PORT;
  const childPorts = { atlas: ports.SUBGRAPH_PORT, directory: ports.DIRECTORY_PORT };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Last resort if this process exits without `shutdown`, for example on an uncaught error.
  process.on('exit', () => running.children.forEach((child) => child.kill()));

  await startSubgraphs(childPorts);
  const urls = loopbackSubgraphUrls(childPorts.atlas, childPorts.directory);
  const http = await startGateway(urls, gatewayPort, logger);
  const url = `${http.origin}/graphql`;
  logger.info('gateway.listening', `Gateway is ready: open ${url} in a browser to query the ` +
    'supergraph with Apollo Sandbox.', { url, subgraphs: urls });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const child = error instanceof ChildStartError ? error.childName : undefined;
  logger.error('gateway.failed', `Gateway failed to start: ${message}`, { child });
  void shutdown(1);
});
