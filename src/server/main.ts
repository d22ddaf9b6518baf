/**
 * Entry point of `npm start`. Without Atlas credentials it serves the demo estate from the
 * built-in simulator; with MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY it
 * reads MONGODB_ATLAS_BASE_URL. Configuration errors exit with status 2 and a message.
 */
import { createLogger } from '../observability/logger.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { startSubgraph, type RunningSubgraph } from './app.js';

/** Builds the start-up message: what is running and which URL to open in a browser. */
function announce(config: ServerConfig, url: string, simulatorUrl?: string): string {
  if (config.mode === 'demo') {
    return (
      `Serving the Atlas subgraph in demo mode: data comes from the built-in Atlas simulator at ` +
      `${simulatorUrl}. Open ${url} in a browser to query it in Apollo Sandbox.`
    );
  }
  return `Serving the Atlas subgraph for ${config.atlasBaseUrl}. Open ${url} in a browser to query it.`;
}

async function main(): Promise<void> {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }

  const logger = createLogger({ level: config.logLevel });
  logger.registerSecret(config.credential?.kind === 'apiKey' ? config.credential.privateKey : undefined);

  // Handlers go in before anything starts, so a signal during start-up still ends in a clean
  // close once the servers are up, never in the default abrupt exit.
  let running: RunningSubgraph | undefined;
  let stopRequested: string | undefined;
  const stop = async (signal: string) => {
    if (stopRequested && running === undefined) return;
    stopRequested = signal;
    if (!running) return;
    const closing = running;
    running = undefined;
    logger.info('server.stopping', `Received ${signal}; closing connections and stopping.`);
    await closing.close();
    process.exit(0);
  };
  // A rejected promise with no handler (a library bug, not a request's error) would otherwise
  // end the process and every request in flight with it.
  process.on('unhandledRejection', (reason) => {
    logger.error('server.unhandled_rejection', 'A promise was rejected with no handler; the server keeps running.', {
      error: reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason),
    });
  });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    running = await startSubgraph(config, logger);
  } catch (error) {
    logger.error('server.start_failed', startFailure(config, error));
    process.exit(1);
  }

  logger.info('server.listening', announce(config, running.http.url, running.simulator?.url), {
    url: running.http.url,
    mode: config.mode,
  });
  if (stopRequested) await stop(stopRequested);
}

/** Explains a start-up failure with the setting to change. */
function startFailure(config: ServerConfig, error: unknown): string {
  const reason = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return (
      `The subgraph failed to start: port ${config.port} is in use. Stop the other process or ` +
      'choose another port with PORT (SUBGRAPH_PORT when started by npm run gateway).'
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `The subgraph failed to start: cannot listen on HOST=${config.host} (${reason}). Set HOST to an address of this machine, such as 127.0.0.1 or 0.0.0.0.`;
  }
  return `The subgraph failed to start: ${reason}.`;
}

void main();
