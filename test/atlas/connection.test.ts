import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/atlas/errors.js';
import { clientFor, fakeAtlas, recordingLogger, rejectionOf } from './helpers.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('connections', () => {
  it('succeeds after the server closed the idle keep-alive socket', async () => {
    const fake = await fakeAtlas({
      route: () => ({ status: 200, body: { ok: 1 } }),
      idleCloseMs: 1000,
    });
    const client = clientFor(fake);

    expect(await client.get('/groups/p1')).toEqual({ ok: 1 });
    const connectionsBefore = fake.connections;
    await delay(1500);
    expect(await client.get('/groups/p1')).toEqual({ ok: 1 });

    const last = fake.requests.at(-1);
    expect(last?.connection).toBeGreaterThan(connectionsBefore);
    expect(last?.requestOnConnection).toBe(1);
  });

  it('retries once after a reused socket reset', async () => {
    let dropped: number | undefined;
    const fake = await fakeAtlas({
      // Drops the first request that arrives on a reused socket, like a server closing it.
      route: (r) => {
        if (dropped === undefined && r.requestOnConnection > 1) {
          dropped = fake.requests.length;
          return { destroy: true };
        }
        return { status: 200, body: { ok: 1 } };
      },
    });
    const logger = recordingLogger();
    const client = clientFor(fake, { logger });

    for (let i = 0; i < 4; i += 1) expect(await client.get('/groups/p1')).toEqual({ ok: 1 });

    expect(dropped).toBeDefined();
    const retried = fake.requests[dropped!];
    expect(retried.requestOnConnection).toBe(1);
    expect(retried.url).toBe(fake.requests[dropped! - 1].url);
    const retries = logger.records.filter((r) => r.event === 'atlas.retry');
    expect(retries.map((r) => [r.level, r.fields?.delayMs])).toEqual([['info', 0]]);
  });

  it('fails with UPSTREAM_TIMEOUT when the server never sends headers', async () => {
    const fake = await fakeAtlas({ route: () => ({ hang: true }) });
    const client = clientFor(fake, { timeoutMs: 2000 });

    const started = Date.now();
    const error = await rejectionOf(client.get('/groups/p1'));
    const elapsed = Date.now() - started;

    expect(error.code).toBe(ErrorCode.UPSTREAM_TIMEOUT);
    expect(error.status).toBe(0);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(3000);
    // The hung request is not retried: one unsigned and one signed request.
    expect(fake.requests).toHaveLength(2);
  });

  it('sends only GET requests', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: { results: [] } }) });
    const client = clientFor(fake);
    await client.get('/groups/p1');
    await client.list('/groups');
    expect(new Set(fake.requests.map((r) => r.method))).toEqual(new Set(['GET']));
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(client)).sort();
    expect(methods).toEqual(['close', 'constructor', 'get', 'list', 'withCallListener']);
  });

  it('rejects calls after close', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: {} }) });
    const client = clientFor(fake);
    await client.close();
    await expect(client.get('/groups/p1')).rejects.toThrow('AtlasClient is closed');
  });
});
