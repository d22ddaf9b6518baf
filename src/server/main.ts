/**
 * Entry point of `npm start`. Without Atlas credentials it serves the demo estate from the
 * built-in simulator; with MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY it
 * reads MONGODB_ATLAS_BASE_URL. Configuration errors exit with status 2 and a message.
 */
import { createLogger } from '../observability/logger.js';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { startSubgraph } from './app.js';

/** Logs the one line that tells a person what is running and where to point a browser. */
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

  let running;
  try {
    running = await startSubgraph(config, logger);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? ` Port ${config.port} is in use: stop the other process or set PORT.`
      : '';
    logger.error('server.start_failed', `The subgraph failed to start: ${reason}.${hint}`);
    process.exit(1);
  }

  logger.info('server.listening', announce(config, running.http.url, running.simulator?.url), {
    url: running.http.url,
    mode: config.mode,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('server.stopping', `Received ${signal}; closing connections and stopping.`);
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
