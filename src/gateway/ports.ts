/** Port parsing and free-port lookup on loopback. */
import net from 'node:net';

/** Reads a TCP port from env `name`. Throws for anything but an integer from 0 to 65535. */
export function parsePortEnv(name: string, fallback: number, env = process.env): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid ${name}=${JSON.stringify(value)}; expected an integer 0-65535.`);
  }
  return port;
}

/**
 * Finds a free loopback port by listening on port 0 and closing again. Another process may
 * take the port before the caller binds it, which is acceptable for tests and local runs.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true when nothing listens on `port` of `host`, by binding it briefly. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
