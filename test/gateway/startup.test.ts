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

  it('names the child that fails to start', async () => {
    // Occupies the directory's port and returns 503 to the gateway's health checks.
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
    const code = await failure.exited;

    expect(code).toBe(1);
    expect(failure.ready.child).toBe('directory');
    expect(String(failure.ready.message)).toContain('"directory" failed to start');
    // The atlas child started in parallel and must be stopped again.
    await expect(fetch(`http://127.0.0.1:${atlasPort}/healthz`)).rejects.toThrow();
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
