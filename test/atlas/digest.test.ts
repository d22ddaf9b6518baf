import { describe, expect, it } from 'vitest';
import { AtlasClient } from '../../src/atlas/client.js';
import { ErrorCode } from '../../src/atlas/errors.js';
import { DigestSession, parseDigestChallenge } from '../../src/atlas/digest.js';
import { createHash } from 'node:crypto';
import { parseDigestHeader } from './fake-atlas.js';
import { clientFor, fakeAtlas, rejectionOf } from './helpers.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

const ok = { status: 200, body: { results: [], totalCount: 0 } };

describe('digest authentication', () => {
  it('signs uri as the exact request-target with its query', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: { name: 'page two' } }) });
    const client = clientFor(fake);

    const body = await client.get('/groups', { itemsPerPage: 100, pageNum: 2 });

    expect(body).toEqual({ name: 'page two' });
    expect(fake.requests).toHaveLength(2);
    const [unsigned, signed] = fake.requests;
    expect(unsigned.authorization).toBeUndefined();
    expect(signed.url).toBe('/api/atlas/v2/groups?itemsPerPage=100&pageNum=2');
    expect(signed.digest?.uri).toBe(signed.url);
    expect(signed.digest?.username).toBe('pub-test');
    expect(signed.digest?.nc).toBe('00000001');
    expect(signed.digest?.qop).toBe('auth');
    expect(signed.accept).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('restarts nc at 00000001 on a stale nonce and retries once', async () => {
    const fake = await fakeAtlas({ route: () => ok, usesPerNonce: 3 });
    const client = clientFor(fake);

    for (let i = 0; i < 4; i += 1) {
      expect(await client.get('/groups/abc')).toEqual(ok.body);
    }

    const signed = fake.requests.filter((request) => request.digest);
    expect(signed.map((request) => [request.digest?.nonce, request.digest?.nc])).toEqual([
      ['n1', '00000001'],
      ['n1', '00000002'],
      ['n1', '00000003'],
      ['n1', '00000004'],
      ['n2', '00000001'],
    ]);
    // One unsigned first request, then one extra round trip for the stale nonce.
    expect(fake.requests).toHaveLength(6);
    expect(fake.challenges).toBe(2);
  });

  it('sends a different cnonce on every request', async () => {
    const fake = await fakeAtlas({ route: () => ok });
    const client = clientFor(fake);
    await client.get('/groups/a');
    await client.get('/groups/b');
    const cnonces = fake.requests.filter((r) => r.digest).map((r) => r.digest?.cnonce);
    expect(cnonces).toHaveLength(2);
    expect(new Set(cnonces).size).toBe(2);
  });

  it('fails with UNAUTHENTICATED after two requests when the key is rejected', async () => {
    const fake = await fakeAtlas({ route: () => ok, rejectAllSigned: true });
    const client = clientFor(fake);

    const error = await rejectionOf(client.get('/orgs'));

    expect(fake.requests).toHaveLength(2);
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.status).toBe(401);
    expect(error.detail).toBe('You are not authorized for this resource.');
    expect(error.hint).toContain('MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY');
    expect(error.path).toBe('/api/atlas/v2/orgs');
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain('priv-test');
    expect(text).not.toContain('Digest');
    expect(text).not.toContain('127.0.0.1');
  });

  it('fails with UNAUTHENTICATED when the private key is wrong', async () => {
    const fake = await fakeAtlas({ route: () => ok });
    const client = new AtlasClient({
      baseUrl: fake.baseUrl,
      credential: { kind: 'apiKey', publicKey: 'pub-test', privateKey: 'wrong-key' },
    });
    try {
      const error = await rejectionOf(client.get('/orgs'));
      expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
      expect(fake.requests).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it('shares one challenge among 50 first requests', async () => {
    const fake = await fakeAtlas({ route: (r) => ({ status: 200, body: { path: r.apiPath } }) });
    const client = clientFor(fake);

    const paths = Array.from({ length: 50 }, (_, i) => `/groups/p${i}`);
    const bodies = await Promise.all(paths.map((path) => client.get(path)));

    expect(bodies).toEqual(paths.map((path) => ({ path })));
    expect(fake.challenges).toBeLessThanOrEqual(fake.noncesIssued.length);
    expect(fake.challenges).toBe(1);
    expect(fake.requests).toHaveLength(51);
    expect(fake.replays).toBe(0);
    const counts = fake.requests.filter((r) => r.digest).map((r) => r.digest?.nc);
    expect(new Set(counts).size).toBe(50);
  });

  it('signs 50 concurrent requests with distinct nc', async () => {
    const fake = await fakeAtlas({ route: (r) => ({ status: 200, body: { path: r.apiPath } }) });
    const client = clientFor(fake);
    await client.get('/groups/warm-up');

    const paths = Array.from({ length: 50 }, (_, i) => `/groups/p${i}`);
    const bodies = await Promise.all(paths.map((path) => client.get(path)));

    expect(bodies).toEqual(paths.map((path) => ({ path })));
    expect(fake.requests).toHaveLength(52);
    expect(fake.challenges).toBe(1);
    expect(fake.replays).toBe(0);
  });

  it('recovers 50 concurrent requests when the nonce expires mid-burst', async () => {
    const fake = await fakeAtlas({
      route: (r) => ({ status: 200, body: { path: r.apiPath } }),
      usesPerNonce: 30,
    });
    const client = clientFor(fake);

    const paths = Array.from({ length: 50 }, (_, i) => `/groups/p${i}`);
    const bodies = await Promise.all(paths.map((path) => client.get(path)));

    expect(bodies).toEqual(paths.map((path) => ({ path })));
    expect(fake.noncesIssued).toEqual(['n1', 'n2']);
    expect(fake.replays).toBe(0);
    // Each request sends at most one extra signed request, after its nonce went stale.
    for (const path of paths) {
      const signed = fake.requests.filter((r) => r.digest && r.apiPath === path);
      expect(signed.length).toBeLessThanOrEqual(2);
    }
    const onSecondNonce = fake.requests.filter((r) => r.digest?.nonce === 'n2');
    expect(onSecondNonce).toHaveLength(20);
  });

  it('rejects service account credentials with a clear error', () => {
    expect(
      () =>
        new AtlasClient({
          baseUrl: 'http://127.0.0.1:9',
          credential: { kind: 'serviceAccount', clientId: 'mdb_sa_id_x', clientSecret: 's' },
        }),
    ).toThrow('service accounts are not supported yet');
  });
});

describe('parseDigestChallenge', () => {
  it('reads the Atlas challenge', () => {
    const header =
      'Digest realm="MMS Public API", domain="", nonce="abc/+=", algorithm=MD5, qop="auth", ' +
      'stale=false';
    expect(parseDigestChallenge(header)).toEqual({
      realm: 'MMS Public API',
      nonce: 'abc/+=',
      opaque: undefined,
      algorithm: 'MD5',
      stale: false,
    });
  });

  it('finds the digest challenge among several schemes', () => {
    const challenge = parseDigestChallenge([
      'Bearer realm="x"',
      'Digest nonce="n", qop="auth,auth-int", stale=TRUE',
    ]);
    expect(challenge).toEqual({
      realm: '',
      nonce: 'n',
      opaque: undefined,
      algorithm: 'MD5',
      stale: true,
    });
  });

  it('ignores unsupported challenges', () => {
    expect(parseDigestChallenge('Digest nonce="n", qop="auth", algorithm=SHA-256')).toBeUndefined();
    expect(parseDigestChallenge('Digest nonce="n", qop="auth-int"')).toBeUndefined();
    expect(parseDigestChallenge('Basic realm="x"')).toBeUndefined();
    expect(parseDigestChallenge(undefined)).toBeUndefined();
  });
});

describe('DigestSession', () => {
  it('computes the RFC 7616 MD5 response', () => {
    // Inputs of the RFC 2617 section 3.5 example; the cnonce is random, so it is read back.
    const session = new DigestSession('Mufasa', 'Circle Of Life');
    const nonce = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
    session.adopt({ realm: 'testrealm@host.com', nonce, algorithm: 'MD5', stale: false });
    const header = session.authorize('GET', '/dir/index.html');
    const params = parseDigestHeader(header);
    const ha1 = md5('Mufasa:testrealm@host.com:Circle Of Life');
    const ha2 = md5('GET:/dir/index.html');
    expect(params).toEqual({
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      nonce,
      uri: '/dir/index.html',
      algorithm: 'MD5',
      qop: 'auth',
      nc: '00000001',
      cnonce: params.cnonce,
      response: md5(`${ha1}:${nonce}:00000001:${params.cnonce}:auth:${ha2}`),
    });
    expect(params.cnonce).toMatch(/^[0-9a-f]{32}$/);
    expect(header.startsWith('Digest username="Mufasa", realm=')).toBe(true);
  });

  it('numbers requests per nonce and restarts for a new nonce', () => {
    const session = new DigestSession('u', 'p');
    const nc = () => /nc=([0-9a-f]+)/.exec(session.authorize('GET', '/'))?.[1];
    session.adopt({ realm: 'r', nonce: 'a', algorithm: 'MD5', stale: false });
    expect([nc(), nc()]).toEqual(['00000001', '00000002']);
    session.adopt({ realm: 'r', nonce: 'a', algorithm: 'MD5', stale: true });
    expect(nc()).toBe('00000003');
    session.adopt({ realm: 'r', nonce: 'b', algorithm: 'MD5', stale: true });
    expect(nc()).toBe('00000001');
  });
});
