/**
 * EXAMPLE ONLY: runs the people-directory subgraph on 127.0.0.1. Env `PORT` (default 4002)
 * sets the port. Logs one JSON line per event on stderr, including
 * `{"event":"directory.listening","url":...}` once it accepts requests.
 */
import { createLogger } from '../../src/observability/logger.js';
import { startDirectoryServer } from './server.js';

const logger = createLogger();

/** Parses a TCP port from the environment, rejecting anything but 0-65535. */
function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid PORT ${JSON.stringify(value)}; expected an integer 0-65535.`);
  }
  return port;
}

async function main(): Promise<void> {
  const server = await startDirectoryServer({ port: parsePort(process.env.PORT, 4002) });
  logger.info('directory.listening', 'Example directory subgraph is listening.', {
    url: server.url,
  });
  const stop = (signal: string) => {
    logger.info('directory.stopping', `Received ${signal}; stopping the directory subgraph.`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.error('directory.failed', 'Example directory subgraph failed to start.', {
    error: error instanceof Error ? error.message : String(error),
  });
  process.exit(1);
});
