/**
 * Starts the built gateway (which starts both subgraphs) and the Atlas simulator as real
 * processes on ephemeral loopback ports, for the end-to-end tests in this folder.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../src/gateway/ports.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Scripts the end-to-end tests run. */
export const STACK_SCRIPTS = [
  'dist/src/gateway/main.js',
  'dist/src/server/main.js',
  'dist/examples/directory/main.js',
  'dist/src/simulator/cli.js',
];

/** Builds with tsc unless every script in `scripts` is already in dist/. */
export function ensureBuilt(scripts: string[] = STACK_SCRIPTS): void {
  const missing = () => scripts.filter((script) => !existsSync(path.join(ROOT, script)));
  if (missing().length === 0) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    // tsc still emits when it reports type errors, so the check below decides.
  }
  if (missing().length > 0) throw new Error(`Build did not produce ${missing().join(', ')}.`);
}

/** A process started by a test, with the JSON log events it printed. */
export interface TestProcess {
  child: ChildProcess;
  events: Record<string, unknown>[];
  /** Sends SIGTERM (SIGKILL after 10 s) and resolves with the exit code. */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/**
 * Spawns `script` with Node and resolves once it logs `readyEvent` on stdout or stderr.
 * Rejects if the process exits first or the event does not arrive within `timeoutMs`.
 */
export function spawnUntilEvent(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyEvent: string,
  timeoutMs = 60_000,
): Promise<TestProcess & { ready: Record<string, unknown> }> {
  // Vitest sets NODE_ENV=test, which changes Apollo Server's signal handling, so the
  // processes run without it, as under `npm run gateway`.
  const { NODE_ENV: _testEnv, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    }
    return child.exitCode;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} did not log ${readyEvent} within ${timeoutMs} ms:\n` +
        output.slice(-20).join('\n')));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before ${readyEvent}:\n` +
        output.slice(-20).join('\n')));
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        output.push(line);
        const event = parseEvent(line);
        if (!event) return;
        events.push(event);
        if (event.event === readyEvent) {
          clearTimeout(timer);
          resolve({ child, events, stop, exited, ready: event });
        }
      });
    }
  });
}

function parseEvent(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The gateway with both subgraphs, as started by `startStack`. */
export interface Stack extends TestProcess {
  gatewayUrl: string;
  atlasUrl: string;
  directoryOrigin: string;
}

/** Starts `dist/src/gateway/main.js` on free ports. `env` adds to the inherited environment. */
export async function startStack(env: NodeJS.ProcessEnv = {}): Promise<Stack> {
  const [gateway, atlas, directory] = await Promise.all([
    findFreePort(),
    findFreePort(),
    findFreePort(),
  ]);
  const started = await spawnUntilEvent(
    'dist/src/gateway/main.js',
    [],
    {
      GATEWAY_PORT: String(gateway),
      SUBGRAPH_PORT: String(atlas),
      DIRECTORY_PORT: String(directory),
      ...env,
    },
    'gateway.listening',
  );
  return {
    ...started,
    gatewayUrl: String(started.ready.url),
    atlasUrl: `http://127.0.0.1:${atlas}/graphql`,
    directoryOrigin: `http://127.0.0.1:${directory}`,
  };
}

/** Fetches JSON from a loopback URL, failing on a non-2xx status. */
export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} returned ${response.status}`);
  return (await response.json()) as T;
}
