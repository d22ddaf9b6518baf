/**
 * Runs the built simulator and subgraph as child processes for end-to-end tests, and stops
 * them afterwards. The tests need `npm run build` first; `npm test` does that.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

/** Throws a clear error when the build output a test needs is missing. */
export function requireBuilt(relativePath: string): string {
  const path = resolve(ROOT, relativePath);
  if (!existsSync(path)) {
    throw new Error(`${relativePath} is missing: run "npm run build" (npm test does it) before this test.`);
  }
  return path;
}

/** Finds a free loopback port by binding port 0 and releasing it. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** A started child process with the output it has printed so far. */
export interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node script args` and waits until a line of its output contains `readyText`.
 * Fails with the output so far when the process exits first or `timeoutMs` passes.
 */
export function startNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyText: string,
  timeoutMs = 20_000,
): Promise<Child> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<void>((resolveStop) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
      child.once('exit', () => resolveStop());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not print "${readyText}" within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes(readyText)) {
        clearTimeout(timer);
        resolveStart({ process: child, output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with code ${code} before it was ready:\n${output}`));
    });
  });
}

/** The built simulator and subgraph entry points. */
export const SIMULATOR_SCRIPT = 'dist/src/simulator/cli.js';
export const SERVER_SCRIPT = 'dist/src/server/main.js';

/** Starts the built simulator on a free port with `args` (for example `--demo`). */
export async function startSimulatorProcess(args: string[]): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = await startNode(
    requireBuilt(SIMULATOR_SCRIPT),
    ['--port', String(port), ...args],
    {},
    'simulator.listening',
  );
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * Starts the built subgraph on a free port, reading `simulatorUrl` with the test key pair and
 * no response cache unless `env` says otherwise.
 */
export async function startSubgraphProcess(
  simulatorUrl: string,
  env: Record<string, string> = {},
): Promise<{ child: Child; baseUrl: string; graphqlUrl: string }> {
  const port = await freePort();
  const child = await startNode(
    requireBuilt(SERVER_SCRIPT),
    [],
    {
      PORT: String(port),
      MONGODB_ATLAS_BASE_URL: simulatorUrl,
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-test',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-test',
      ATLAS_CACHE_TTL_MS: '0',
      ...env,
    },
    'server.listening',
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return { child, baseUrl, graphqlUrl: `${baseUrl}/graphql` };
}
