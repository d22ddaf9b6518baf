import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../src/gateway/ports.js';
import { ensureBuilt, getJson, spawnUntilEvent, startStack, type Stack } from './harness.js';

describe('gateway process', () => {
  let stack: Stack | undefined;
  let blocker: http.Server | undefined;

  beforeAll(() => {
    ensureBuilt();
  });

  afterAll(async () => {
    await stack?.stop();
    blocker?.closeAllConnections();
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  });

  it('refuses a busy port before starting any child', async () => {
    blocker = http.createServer((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve()));
    const busyPort = (blocker.address() as AddressInfo).port;
    const [gatewayPort, atlasPort] = await Promise.all([findFreePort(), findFreePort()]);

    const failure = await spawnUntilEvent(
      'dist/src/gateway/main.js',
      [],
      {
        GATEWAY_PORT: String(gatewayPort),
        SUBGRAPH_PORT: String(atlasPort),
        DIRECTORY_PORT: String(busyPort),
      },
      'gateway.failed',
    );

    expect(await failure.exited).toBe(2);
    expect(String(failure.ready.message)).toBe(
      `Port ${busyPort} (DIRECTORY_PORT) is in use: stop the process listening there, or set DIRECTORY_PORT.`,
    );
    await expect(fetch(`http://127.0.0.1:${atlasPort}/healthz`)).rejects.toThrow();
  });

  it('names the child that fails to start', async () => {
    const [gatewayPort, atlasPort, directoryPort] = await Promise.all([
      findFreePort(),
      findFreePort(),
      findFreePort(),
    ]);

    // Half a key pair is a configuration error, so the Atlas subgraph exits at once.
    const failure = await spawnUntilEvent(
      'dist/src/gateway/main.js',
      [],
      {
        GATEWAY_PORT: String(gatewayPort),
        SUBGRAPH_PORT: String(atlasPort),
        DIRECTORY_PORT: String(directoryPort),
        MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh',
      },
      'gateway.failed',
    );

    expect(await failure.exited).toBe(1);
    expect(failure.ready.child).toBe('atlas');
    expect(String(failure.ready.message)).toContain('"atlas"');
    // The directory child started in parallel and must be stopped again.
    await expect(fetch(`http://127.0.0.1:${directoryPort}/healthz`)).rejects.toThrow();
  });

  it('stops every child on SIGTERM', async () => {
    stack = await startStack();
    const gatewayOrigin = new URL(stack.gatewayUrl).origin;

    expect(await getJson(`${gatewayOrigin}/healthz`)).toEqual({ status: 'ok' });
    expect(await getJson(`${stack.directoryOrigin}/healthz`)).toEqual({ status: 'ok' });
    const listening = stack.events.find((event) => event.event === 'gateway.listening');
    expect(String(listening?.message)).toContain(`open ${stack.gatewayUrl} in a browser`);

    stack.child.kill('SIGTERM');
    expect(await stack.exited).toBe(0);
    expect(stack.events.map((event) => event.event)).toContain('gateway.stopped');
    await expect(fetch(`${stack.directoryOrigin}/healthz`)).rejects.toThrow();
    await expect(fetch(stack.atlasUrl.replace('/graphql', '/healthz'))).rejects.toThrow();
    stack = undefined;
  });
});
