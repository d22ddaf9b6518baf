import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/atlas/errors.js';
import { parseRetryAfter, RetryPolicy } from '../../src/atlas/retry.js';
import { silentLogger } from '../../src/observability/logger.js';
import { clientFor, fakeAtlas, recordingLogger, recordingSleep, rejectionOf } from './helpers.js';
import type { FakeReply } from './fake-atlas.js';

const CLUSTERS = { results: [{ name: 'Cluster0', groupId: 'p1' }], totalCount: 1 };
const RATE_LIMITED_BODY = { error: 429, errorCode: 'RATE_LIMITED', reason: 'Too Many Requests' };
/** A wall clock on a whole second, so an HTTP-date (one-second precision) is exact. */
const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);

/** A route that returns the given replies once each, then 200 with the clusters. */
function sequence(...replies: FakeReply[]) {
  return () => replies.shift() ?? { status: 200, body: CLUSTERS };
}

describe('retry policy', () => {
  it('waits the Retry-After seconds before retrying a 429', async () => {
    const fake = await fakeAtlas({
      route: sequence({ status: 429, body: RATE_LIMITED_BODY, headers: { 'retry-after': '2' } }),
    });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep });

    expect(await client.list('/groups/p1/clusters')).toEqual(CLUSTERS.results);
    expect(delays).toEqual([2000]);
  });

  it('waits until a Retry-After HTTP-date', async () => {
    const date = new Date(NOW + 3000).toUTCString();
    const fake = await fakeAtlas({
      route: sequence({ status: 429, body: RATE_LIMITED_BODY, headers: { 'retry-after': date } }),
    });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep, now: () => NOW });

    expect(await client.list('/groups/p1/clusters')).toEqual(CLUSTERS.results);
    expect(delays).toEqual([3000]);
  });

  it('backs off for more than 0 ms without Retry-After', async () => {
    const fake = await fakeAtlas({ route: sequence({ status: 429, body: RATE_LIMITED_BODY }) });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep, retry: { baseDelayMs: 500 } });

    expect(await client.list('/groups/p1/clusters')).toEqual(CLUSTERS.results);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(250);
    expect(delays[0]).toBeLessThanOrEqual(500);
  });

  it('fails with RATE_LIMITED after the retry cap', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 429, body: RATE_LIMITED_BODY }) });
    const { delays, sleep } = recordingSleep();
    const logger = recordingLogger();
    const client = clientFor(fake, { sleep, logger, retry: { maxRetries: 3 } });

    const error = await rejectionOf(client.list('/groups/p1/clusters'));

    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.status).toBe(429);
    expect(error.errorCode).toBe('RATE_LIMITED');
    expect(delays).toHaveLength(3);
    expect(fake.requests.filter((r) => r.digest)).toHaveLength(4);
    expect(logger.records.filter((r) => r.event === 'atlas.retry')).toHaveLength(3);
    expect(logger.records.find((r) => r.event === 'atlas.retry')?.level).toBe('warn');
  });

  it('does not wait for a Retry-After beyond maxDelayMs', async () => {
    const fake = await fakeAtlas({
      route: () => ({ status: 429, body: RATE_LIMITED_BODY, headers: { 'retry-after': '55' } }),
    });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep, retry: { maxDelayMs: 10_000 } });

    const error = await rejectionOf(client.get('/groups/p1'));
    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(delays).toEqual([]);
  });

  it('retries 503 and returns the later success', async () => {
    const fake = await fakeAtlas({
      route: sequence({ status: 503, body: { error: 503 } }, { status: 502, body: {} }),
    });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep });

    expect(await client.get('/groups/p1/clusters/c')).toEqual(CLUSTERS);
    expect(delays).toHaveLength(2);
  });

  it('retries 500 once at most', async () => {
    const body = { error: 500, errorCode: 'UNEXPECTED_ERROR' };
    const fake = await fakeAtlas({ route: () => ({ status: 500, body }) });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep });

    const error = await rejectionOf(client.get('/groups/p1'));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(delays).toHaveLength(1);
    expect(fake.requests.filter((r) => r.digest)).toHaveLength(2);
  });

  it.each([400, 403, 404, 406, 410])('does not retry %i', async (status) => {
    const fake = await fakeAtlas({ route: () => ({ status, body: { error: status } }) });
    const { delays, sleep } = recordingSleep();
    const client = clientFor(fake, { sleep });

    await rejectionOf(client.get('/groups/p1'));
    expect(delays).toEqual([]);
    expect(fake.requests.filter((r) => r.digest)).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP-dates', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('17', NOW)).toBe(17_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('RetryPolicy.backoff', () => {
  it('grows exponentially up to the cap and is never 0 ms', () => {
    const env = { sleep: async () => {}, now: () => 0, logger: silentLogger };
    const options = { baseDelayMs: 500, maxDelayMs: 3000 };
    const low = new RetryPolicy(options, { ...env, random: () => 0 });
    const high = new RetryPolicy(options, { ...env, random: () => 0.999 });
    expect([1, 2, 3, 4, 5].map((n) => low.backoff(n))).toEqual([250, 500, 1000, 1500, 1500]);
    expect([1, 2, 3, 4, 5].map((n) => high.backoff(n))).toEqual([500, 1000, 1999, 2999, 2999]);
  });
});
