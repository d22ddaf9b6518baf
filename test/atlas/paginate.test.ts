import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/atlas/errors.js';
import { clientFor, fakeAtlas, rejectionOf } from './helpers.js';
import { pageOf, type RecordedRequest } from './fake-atlas.js';

const projects = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ id: `p${String(i + 1).padStart(4, '0')}` }));

const pageNumOf = (request: RecordedRequest) =>
  Number(new URL(request.url, 'http://x').searchParams.get('pageNum'));

const signedPages = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.digest).map(pageNumOf).sort((a, b) => a - b);

describe('list pagination', () => {
  it('reads 250 items in 3 pages of 100', async () => {
    const all = projects(250);
    const fake = await fakeAtlas({ route: (r) => ({ status: 200, body: pageOf(all, r) }) });
    const client = clientFor(fake, { itemsPerPage: 100 });

    expect(await client.list('/orgs/o1/groups')).toEqual(all);
    expect(signedPages(fake.requests)).toEqual([1, 2, 3]);
    const first = fake.requests.find((r) => r.digest);
    expect(first?.apiPath).toBe('/orgs/o1/groups?includeCount=true&itemsPerPage=100&pageNum=1');
  });

  it('reads 1234 items at the default 500 a page', async () => {
    const all = projects(1234);
    const fake = await fakeAtlas({ route: (r) => ({ status: 200, body: pageOf(all, r) }) });
    const client = clientFor(fake);

    expect(await client.list('/groups')).toEqual(all);
    expect(signedPages(fake.requests)).toEqual([1, 2, 3]);
    expect(fake.requests.find((r) => r.digest)?.apiPath).toContain('itemsPerPage=500');
  });

  it('keeps reading full pages when totalCount under-reports', async () => {
    const all = projects(250);
    const fake = await fakeAtlas({
      route: (r) => ({ status: 200, body: pageOf(all, r, { totalCount: 100 }) }),
    });
    const client = clientFor(fake, { itemsPerPage: 100 });

    expect(await client.list('/groups')).toEqual(all);
    expect(signedPages(fake.requests)).toEqual([1, 2, 3]);
  });

  it('reads an exact multiple of the page size up to the empty page', async () => {
    const all = projects(200);
    const fake = await fakeAtlas({
      route: (r) => ({ status: 200, body: { results: pageOf(all, r).results, totalCount: 200 } }),
    });
    const client = clientFor(fake, { itemsPerPage: 100 });

    expect(await client.list('/groups')).toEqual(all);
    expect(signedPages(fake.requests)).toEqual([1, 2, 3]);
  });

  it('stops at a short page when totalCount over-reports', async () => {
    const all = projects(150);
    const fake = await fakeAtlas({
      route: (r) => ({ status: 200, body: pageOf(all, r, { totalCount: 400 }) }),
    });
    const client = clientFor(fake, { itemsPerPage: 100 });

    expect(await client.list('/groups')).toEqual(all);
  });

  it('stops at a full page without a next link', async () => {
    const all = projects(300);
    const fake = await fakeAtlas({
      route: (r) => {
        const omitNext = pageNumOf(r) === 2;
        return { status: 200, body: pageOf(all, r, { omitNext, totalCount: 100 }) };
      },
    });
    const client = clientFor(fake, { itemsPerPage: 100 });

    expect(await client.list('/groups')).toEqual(all.slice(0, 200));
    expect(signedPages(fake.requests)).toEqual([1, 2]);
  });

  it('fails the whole list when one page fails', async () => {
    const all = projects(250);
    const notFound = { error: 404, errorCode: 'RESOURCE_NOT_FOUND', detail: 'gone' };
    const fake = await fakeAtlas({
      route: (r) =>
        pageNumOf(r) === 2
          ? { status: 404, body: notFound }
          : { status: 200, body: pageOf(all, r) },
    });
    const client = clientFor(fake, { itemsPerPage: 100 });

    const error = await rejectionOf(client.list('/groups'));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.path).toBe('/api/atlas/v2/groups?includeCount=true&itemsPerPage=100&pageNum=2');
  });

  it('rejects a page without a results array', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: { items: [] } }) });
    const error = await rejectionOf(clientFor(fake).list('/groups'));
    expect(error.code).toBe(ErrorCode.UPSTREAM_INVALID_RESPONSE);
  });

  it('returns a bare JSON array as the whole list', async () => {
    const roles = [{ roleName: 'r1' }, { roleName: 'r2' }];
    const fake = await fakeAtlas({ route: () => ({ status: 200, body: roles }) });
    expect(await clientFor(fake).list('/groups/p1/customDBRoles/roles')).toEqual(roles);
  });

  it('omits includeCount where the endpoint does not take it', async () => {
    const fake = await fakeAtlas({ route: (r) => ({ status: 200, body: pageOf([], r) }) });
    await clientFor(fake).list('/orgs/o1/teams/t1/users');
    expect(fake.requests.find((r) => r.digest)?.apiPath).toBe(
      '/orgs/o1/teams/t1/users?itemsPerPage=500&pageNum=1',
    );
  });

  it('repeats array query parameters and keeps the caller order', async () => {
    const fake = await fakeAtlas({ route: (r) => ({ status: 200, body: pageOf([], r) }) });
    await clientFor(fake).list('/orgs/o1/users', { orgMembershipStatuses: ['ACTIVE', 'PENDING'] });
    expect(fake.requests.find((r) => r.digest)?.apiPath).toBe(
      '/orgs/o1/users?orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING' +
        '&includeCount=true&itemsPerPage=500&pageNum=1',
    );
  });
});
