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
import { startGraphQLHttpServer, type RunningHttpServer } from './http.js';
import { parsePortEnv } from './ports.js';
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

async function main(): Promise<void> {
  const gatewayPort = parsePortEnv('GATEWAY_PORT', 4000);
  const ports = {
    atlas: parsePortEnv('SUBGRAPH_PORT', 4001),
    directory: parsePortEnv('DIRECTORY_PORT', 4002),
  };
  const taken = new Map<number, string>();
  for (const [name, port] of [['GATEWAY_PORT', gatewayPort], ['SUBGRAPH_PORT', ports.atlas],
    ['DIRECTORY_PORT', ports.directory]] as const) {
    const other = taken.get(port);
    if (other !== undefined && port !== 0) {
      logger.error('gateway.failed', `${name} and ${other} are both ${port}: give each process its own port.`);
      process.exit(2);
    }
    taken.set(port, name);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Last resort if this process exits without `shutdown`, for example on an uncaught error.
  process.on('exit', () => running.children.forEach((child) => child.kill()));

  await startSubgraphs(ports);
  const urls = loopbackSubgraphUrls(ports.atlas, ports.directory);
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
