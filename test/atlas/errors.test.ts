import { describe, expect, it } from 'vitest';
import { AtlasResponseCache } from '../../src/atlas/cache.js';
import { ErrorCode } from '../../src/atlas/errors.js';
import { requiredRoleFor } from '../../src/atlas/hints.js';
import { clientFor, fakeAtlas, recordingLogger, rejectionOf } from './helpers.js';

const IP_BODY = {
  error: 403,
  errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST',
  reason: 'Forbidden',
  detail: 'IP address 198.51.100.7 is not allowed',
};

describe('error mapping', () => {
  it('maps an IP access list refusal to FORBIDDEN and does not cache it', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 403, body: IP_BODY }) });
    const cache = new AtlasResponseCache();
    const client = clientFor(fake, { cache });

    const error = await rejectionOf(client.list('/orgs'));

    expect(error.code).toBe(ErrorCode.FORBIDDEN);
    expect(error.status).toBe(403);
    expect(error.errorCode).toBe('IP_ADDRESS_NOT_ON_ACCESS_LIST');
    expect(error.detail).toBe('IP address 198.51.100.7 is not allowed');
    expect(error.hint).toBe("Add this server's egress IP address to the API key's access list.");
    expect(fake.requests.filter((r) => r.digest)).toHaveLength(1);
    expect(cache.size).toBe(0);

    await rejectionOf(client.list('/orgs'));
    expect(fake.requests.filter((r) => r.digest)).toHaveLength(2);
  });

  it('maps USER_UNAUTHORIZED to ATLAS_PERMISSION_DENIED naming the role', async () => {
    const body = {
      error: 401,
      errorCode: 'USER_UNAUTHORIZED',
      detail: 'Current user is not authorized to perform this action.',
    };
    const fake = await fakeAtlas({ route: () => ({ status: 401, body }) });
    const client = clientFor(fake);

    const error = await rejectionOf(client.get('/groups/p1/auditLog'));

    expect(error.code).toBe(ErrorCode.ATLAS_PERMISSION_DENIED);
    expect(error.hint).toBe(
      'Grant the API key the Project Owner role (or higher) on this project; ' +
        '/groups/{groupId}/auditLog needs it.',
    );
    expect(fake.requests.filter((r) => r.digest)).toHaveLength(1);
  });

  it('maps 404 to NOT_FOUND', async () => {
    const detail = 'No group with ID p9 exists.';
    const body = { error: 404, errorCode: 'GROUP_NOT_FOUND', detail };
    const fake = await fakeAtlas({ route: () => ({ status: 404, body }) });
    const error = await rejectionOf(clientFor(fake).get('/groups/p9'));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
    expect(error.errorCode).toBe('GROUP_NOT_FOUND');
    expect(error.hint).toBe('The resource does not exist or this key cannot see it.');
  });

  it('maps 406 to ATLAS_API_VERSION_INVALID and logs it as an error', async () => {
    const detail = 'Invalid accept header or version date.';
    const body = { error: 406, errorCode: 'INVALID_VERSION_DATE', detail };
    const fake = await fakeAtlas({ route: () => ({ status: 406, body }) });
    const logger = recordingLogger();
    const error = await rejectionOf(clientFor(fake, { logger }).get('/groups/p1/clusters'));
    expect(error.code).toBe(ErrorCode.ATLAS_API_VERSION_INVALID);
    expect(error.version).toBe('2024-08-05');
    const logged = logger.records.filter((r) => r.level === 'error');
    expect(logged.map((r) => r.event)).toEqual(['atlas.version_invalid']);
  });

  it('maps 410 to ATLAS_API_VERSION_GONE naming the endpoint and version', async () => {
    const detail = 'Version 2024-08-05 is no longer available';
    const body = { error: 410, errorCode: 'VERSION_GONE', detail };
    const fake = await fakeAtlas({ route: () => ({ status: 410, body }) });
    const error = await rejectionOf(clientFor(fake).get('/groups/p1/clusters'));
    expect(error.code).toBe(ErrorCode.ATLAS_API_VERSION_GONE);
    expect(error.hint).toBe(
      'Atlas no longer serves version 2024-08-05 of /groups/{groupId}/clusters; ' +
        'pin a newer version.',
    );
  });

  it('maps 400 to UPSTREAM_BAD_REQUEST keeping the Atlas code', async () => {
    const body = { error: 400, errorCode: 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API' };
    const fake = await fakeAtlas({ route: () => ({ status: 400, body }) });
    const error = await rejectionOf(clientFor(fake).get('/groups/p1/clusters/FlexA'));
    expect(error.code).toBe(ErrorCode.UPSTREAM_BAD_REQUEST);
    expect(error.errorCode).toBe('CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API');
  });

  it('maps a non-JSON 2xx to UPSTREAM_INVALID_RESPONSE', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200, rawBody: '<html>proxy</html>' }) });
    const error = await rejectionOf(clientFor(fake).get('/groups/p1'));
    expect(error.code).toBe(ErrorCode.UPSTREAM_INVALID_RESPONSE);
    expect(error.status).toBe(200);
  });

  it('maps a refused connection to UPSTREAM_UNAVAILABLE without the host', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200 }) });
    const baseUrl = fake.baseUrl;
    await fake.close();
    const error = await rejectionOf(clientFor({ ...fake, baseUrl }).get('/groups/p1'));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(error.status).toBe(0);
    expect(`${error.message} ${JSON.stringify(error.cause)}`).not.toContain('127.0.0.1');
  });

  it('throws a TypeError for a path with no pinned version', async () => {
    const fake = await fakeAtlas({ route: () => ({ status: 200 }) });
    await expect(clientFor(fake).get('/groups/p1/unknownThing')).rejects.toThrow(TypeError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('requiredRoleFor', () => {
  it('names the least role per endpoint', () => {
    expect(requiredRoleFor('/orgs/o1/users')).toBe('Organization Member');
    expect(requiredRoleFor('/orgs/o1/federationSettings')).toBe('Organization Owner');
    expect(requiredRoleFor('/orgs/o1/invites')).toBe('Organization Owner');
    expect(requiredRoleFor('/orgs/o1/serviceAccounts')).toBe('Organization Read Only');
    expect(requiredRoleFor('/groups/p1/clusters')).toBe('Project Read Only');
    expect(requiredRoleFor('/groups/p1/backupCompliancePolicy')).toBe('Project Owner');
    expect(requiredRoleFor('/groups')).toBeUndefined();
  });
});
