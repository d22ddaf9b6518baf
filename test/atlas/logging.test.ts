import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { clientFor, fakeAtlas, rejectionOf } from './helpers.js';

describe('client logging', () => {
  it('logs each HTTP request at debug without secrets', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: {} }) });
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const client = clientFor(fake, {
      logger,
      // The fake accepts only priv-test, so it rejects the signed request.
      credential: { kind: 'apiKey', publicKey: 'pub-test', privateKey: 'priv-test-1234' },
    });

    await rejectionOf(client.get('/groups/p1'));

    const records = lines.map((line) => JSON.parse(line));
    const requests = records.filter((r) => r.event === 'atlas.request');
    expect(requests.map((r) => [r.path, r.status, r.attempt])).toEqual([
      ['/api/atlas/v2/groups/p1', 401, 1],
      ['/api/atlas/v2/groups/p1', 401, 1],
    ]);
    expect(requests.every((r) => r.level === 'debug' && typeof r.durationMs === 'number')).toBe(
      true,
    );
    const text = lines.join('\n');
    expect(text).not.toContain('priv-test-1234');
    expect(text).not.toContain('Digest ');
    expect(text).not.toContain('127.0.0.1');
  });

  it('logs retries as atlas.retry at warn', async () => {
    const replies = [{ status: 503, body: {} }];
    const fake = await fakeAtlas({ route: () => replies.shift() ?? { status: 200, body: {} } });
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    await clientFor(fake, { logger }).get('/groups/p1');

    const records = lines.map((line) => JSON.parse(line));
    const retries = records.filter((r) => r.event === 'atlas.retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      level: 'warn',
      path: '/api/atlas/v2/groups/p1',
      status: 503,
      attempt: 1,
    });
    const attempts = records
      .filter((r) => r.event === 'atlas.request')
      .map((r) => [r.status, r.attempt]);
    expect(attempts).toEqual([
      [401, 1],
      [503, 1],
      [200, 2],
    ]);
  });
});
