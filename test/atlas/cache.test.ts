import { describe, expect, it } from 'vitest';
import { AtlasResponseCache } from '../../src/atlas/cache.js';
import { ErrorCode } from '../../src/atlas/errors.js';
import type { AtlasCallEvent } from '../../src/atlas/reader.js';
import { clientFor, fakeAtlas, rejectionOf } from './helpers.js';
import type { RecordedRequest } from './fake-atlas.js';

const PROJECT = { id: 'p1', name: 'Project One' };
const signed = (requests: RecordedRequest[]) => requests.filter((r) => r.digest);

describe('response cache', () => {
  it('serves a second client with the same key from the cache', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: PROJECT }) });
    const cache = new AtlasResponseCache();
    const events: AtlasCallEvent[] = [];
    const first = clientFor(fake, { cache });
    const second = clientFor(fake, { cache }).withCallListener((event) => events.push(event));

    expect(await first.get('/groups/p1')).toEqual(PROJECT);
    expect(await second.get('/groups/p1')).toEqual(PROJECT);

    expect(signed(fake.requests)).toHaveLength(1);
    expect(cache.size).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      path: '/groups/p1',
      status: 200,
      httpRequests: 0,
      cached: true,
    });
  });

  it('shares one in-flight fetch between concurrent misses', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: PROJECT }) });
    const client = clientFor(fake, { cache: new AtlasResponseCache() });

    const bodies = await Promise.all([1, 2, 3].map(() => client.get('/groups/p1')));

    expect(bodies).toEqual([PROJECT, PROJECT, PROJECT]);
    expect(signed(fake.requests)).toHaveLength(1);
  });

  it('keys query parameters regardless of their order', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: PROJECT }) });
    const client = clientFor(fake, { cache: new AtlasResponseCache() });

    await client.get('/groups/p1', { a: '1', b: '2' });
    await client.get('/groups/p1', { b: '2', a: '1' });
    await client.get('/groups/p1', { a: '1', b: '3' });
    expect(signed(fake.requests)).toHaveLength(2);
  });

  it('never shares entries between two credentials', async () => {
    const fake = await fakeAtlas({
      keys: { 'pub-test': 'priv-test', 'pub-two': 'priv-two' },
      route: (r) => ({ status: 200, body: { seenBy: r.digest?.username } }),
    });
    const cache = new AtlasResponseCache();
    const pubTest = clientFor(fake, { cache });
    const pubTwo = clientFor(fake, {
      cache,
      credential: { kind: 'apiKey', publicKey: 'pub-two', privateKey: 'priv-two' },
    });

    expect(await pubTest.get('/groups/p1')).toEqual({ seenBy: 'pub-test' });
    expect(await pubTwo.get('/groups/p1')).toEqual({ seenBy: 'pub-two' });
    expect(cache.size).toBe(2);
  });

  it('does not cache a 503 and calls Atlas again next time', async () => {
    const replies = [{ status: 503, body: { error: 503 } }];
    const fake = await fakeAtlas({
      route: () => replies.shift() ?? { status: 200, body: PROJECT },
    });
    const cache = new AtlasResponseCache();
    const client = clientFor(fake, { cache, retry: { maxRetries: 0 } });

    const error = await rejectionOf(client.get('/groups/p1'));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(cache.size).toBe(0);

    expect(await client.get('/groups/p1')).toEqual(PROJECT);
    expect(signed(fake.requests)).toHaveLength(2);
  });

  it('expires entries after ttlMs', async () => {
    // lru-cache reads a start time of 0 as "never set", so the clock starts later.
    let clock = 10_000;
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: PROJECT }) });
    const cache = new AtlasResponseCache({ ttlMs: 1000, now: () => clock });
    const client = clientFor(fake, { cache });

    await client.get('/groups/p1');
    clock = 10_999;
    await client.get('/groups/p1');
    clock = 11_001;
    await client.get('/groups/p1');
    expect(signed(fake.requests)).toHaveLength(2);
  });

  it('shares a frozen value that callers cannot change', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: PROJECT }) });
    const client = clientFor(fake, { cache: new AtlasResponseCache() });

    const first = await client.get<typeof PROJECT>('/groups/p1');
    expect(() => {
      first.name = 'changed by a caller';
    }).toThrow(TypeError);
    expect(await client.get('/groups/p1')).toEqual(PROJECT);
  });

  it('caches whole lists apart from single reads of the same path', async () => {
    const fake = await fakeAtlas({
      route: () => ({ status: 200, body: { results: [PROJECT], totalCount: 1 } }),
    });
    const client = clientFor(fake, { cache: new AtlasResponseCache() });
    expect(await client.list('/groups')).toEqual([PROJECT]);
    expect(await client.get('/groups')).toEqual({ results: [PROJECT], totalCount: 1 });
    expect(await client.list('/groups')).toEqual([PROJECT]);
    expect(signed(fake.requests)).toHaveLength(2);
  });
});

describe('call listener', () => {
  it('reports each call with its HTTP request count', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: PROJECT }) });
    const events: AtlasCallEvent[] = [];
    const reader = clientFor(fake).withCallListener((event) => events.push(event));

    await reader.get('/groups/p1');
    await reader.get('/groups/p2');
    const failing = await fakeAtlas({ route: () => ({ status: 404, body: {} }) });
    const failingReader = clientFor(failing).withCallListener((event) => events.push(event));
    await rejectionOf(failingReader.get('/groups/p3'));

    expect(events.map(({ durationMs, ...rest }) => rest)).toEqual([
      { path: '/groups/p1', status: 200, httpRequests: 2, cached: false },
      { path: '/groups/p2', status: 200, httpRequests: 1, cached: false },
      { path: '/groups/p3', status: 404, httpRequests: 2, cached: false },
    ]);
    expect(reader.credentialId).toBe('pub-test');
  });
});
