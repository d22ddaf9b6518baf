/**
 * Starts subgraph servers as child processes, waits until their `GET /healthz` returns 200,
 * and stops them again. Health checks go to loopback URLs only, and every wait is bounded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../observability/logger.js';

/** How to run one child. */
export interface ChildSpec {
  /** Short name used in logs and error messages, for example `atlas`. */
  name: string;
  /** Script run with the current Node binary. */
  script: string;
  env: NodeJS.ProcessEnv;
  /** Loopback URL that returns 200 once the child is ready. */
  healthUrl: string;
}

/** Options for `startChild`. */
export interface StartChildOptions {
  logger: Logger;
  /** Maximum wait for the health check to pass, in milliseconds. Default 30 000. */
  readyTimeoutMs?: number;
  /** Called when the child exits after it became ready. */
  onUnexpectedExit?: (name: string, code: number | null, signal: string | null) => void;
}

/** A started child. */
export interface RunningChild {
  name: string;
  pid: number | undefined;
  /** Sends SIGTERM, then SIGKILL after `graceMs` (default 5000 ms), and resolves on exit. */
  stop(graceMs?: number): Promise<void>;
  /** Sends SIGKILL at once without waiting, for `process.on('exit')` handlers. */
  kill(): void;
}

/** A child failed to start. The message names it. */
export class ChildStartError extends Error {
  constructor(readonly childName: string, detail: string) {
    super(`Subgraph process "${childName}" failed to start: ${detail}`);
    this.name = 'ChildStartError';
  }
}

const POLL_INTERVAL_MS = 100;

/** Spawns `spec.script` and resolves once its health check passes. */
export async function startChild(
  spec: ChildSpec,
  options: StartChildOptions,
): Promise<RunningChild> {
  assertLoopback(spec);
  const child = spawn(process.execPath, [spec.script], {
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  forwardOutput(child);

  let stopping = false;
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  try {
    await waitUntilReady(spec, exited, spawnError, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stopProcess(child, exited, 2_000);
    throw error;
  }
  void exited.then(({ code, signal }) => {
    if (!stopping) options.onUnexpectedExit?.(spec.name, code, signal);
  });
  options.logger.info('gateway.child_ready', `Subgraph process "${spec.name}" is ready.`, {
    child: spec.name,
    pid: child.pid,
    healthUrl: spec.healthUrl,
  });
  return {
    name: spec.name,
    pid: child.pid,
    stop: (graceMs = 5_000) => {
      stopping = true;
      return stopProcess(child, exited, graceMs);
    },
    kill: () => {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function assertLoopback(spec: ChildSpec): void {
  const host = new URL(spec.healthUrl).hostname;
  if (host !== '127.0.0.1' && host !== '[::1]' && host !== 'localhost') {
    throw new ChildStartError(spec.name, `health URL ${spec.healthUrl} is not on loopback.`);
  }
}

/** Copies the child's log lines to this process's stderr, so stdout stays free for results. */
function forwardOutput(child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => process.stderr.write(line + '\n'));
  }
}

async function waitUntilReady(
  spec: ChildSpec,
  exited: Promise<{ code: number | null; signal: string | null }>,
  spawnError: Promise<Error>,
  timeoutMs: number,
): Promise<void> {
  let done = false;
  const failure = Promise.race([
    exited.then(({ code, signal }) => {
      throw new ChildStartError(spec.name, `it exited (code ${code}, signal ${signal}) ` +
        `before ${spec.healthUrl} returned 200; see its log lines above.`);
    }),
    spawnError.then((error) => {
      throw new ChildStartError(spec.name, `spawn failed: ${error.message}`);
    }),
  ]);
  try {
    await Promise.race([failure, pollHealth(spec, timeoutMs, () => done)]);
  } finally {
    done = true;
  }
}

async function pollHealth(spec: ChildSpec, timeoutMs: number, cancelled: () => boolean) {
  const deadline = Date.now() + timeoutMs;
  while (!cancelled() && Date.now() < deadline) {
    try {
      const response = await fetch(spec.healthUrl, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet, so try again after the interval.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  if (!cancelled()) {
    const detail = `${spec.healthUrl} did not return 200 within ${timeoutMs} ms.`;
    throw new ChildStartError(spec.name, detail);
  }
}

async function stopProcess(
  child: ChildProcess,
  exited: Promise<unknown>,
  graceMs: number,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
