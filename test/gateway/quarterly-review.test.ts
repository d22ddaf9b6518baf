import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, queryOrThrow } from '../../src/gateway/graphql-client.js';
import { runPrivilegedAccessReview } from '../../src/gateway/review-privileged.js';
import {
  EMPLOYEE_FOOTPRINT_QUERY,
  runOrphanedAccessReview,
} from '../../src/gateway/review-queries.js';
import { ensureBuilt, startStack, type Stack } from './harness.js';

const DAY_MS = 86_400_000;

/** Computes the directory leaver's end date: 60 days before today, as the seed does. */
function leaverEndDate(): string {
  return new Date(Date.now() - 60 * DAY_MS).toISOString().slice(0, 10);
}

describe('quarterly review through the gateway on demo data', () => {
  let stack: Stack;

  beforeAll(async () => {
    ensureBuilt();
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('finds the leaver and the contractor', async () => {
    const rows = await runOrphanedAccessReview(stack.gatewayUrl);

    expect(rows).toEqual([
      {
        username: 'dmitri.ivanov@acme.example',
        organisation: 'Acme Corp',
        membershipStatus: 'ACTIVE',
        reason: `LEAVER since ${leaverEndDate()}`,
        orgRoles: ['ORG_MEMBER'],
        projectRoles: [{ project: 'prod-payments', roles: ['GROUP_OWNER'] }],
        teams: ['payments-oncall'],
      },
      {
        username: 'emma.reyes@contractor.example',
        organisation: 'Acme Corp',
        membershipStatus: 'ACTIVE',
        reason: 'no employee record',
        orgRoles: ['ORG_MEMBER'],
        projectRoles: [{ project: 'staging-payments', roles: ['GROUP_DATA_ACCESS_READ_WRITE'] }],
        teams: [],
      },
    ]);
  });

  it('groups privileged holders by department', async () => {
    const groups = await runPrivilegedAccessReview(stack.gatewayUrl);

    const summary = groups.map((group) => ({
      department: group.department,
      manager: group.manager,
      holders: group.holders.map((holder) => holder.id),
    }));
    expect(summary).toEqual([
      { department: '(no employee record)', manager: '(no employee record)',
        holders: ['acme-okta/analysts', 'breakglass-admin'] },
      { department: 'Engineering', manager: 'Alice Nguyen', holders: ['carla.jones@acme.example'] },
      { department: 'Engineering', manager: 'Carla Jones',
        holders: ['bruno.silva@acme.example', 'dmitri.ivanov@acme.example'] },
      { department: 'Security', manager: '(no manager)', holders: ['alice.nguyen@acme.example'] },
    ]);
  });

  it('lists each privileged holder\'s grants', async () => {
    const groups = await runPrivilegedAccessReview(stack.gatewayUrl);
    const holders = new Map(groups.flatMap((group) => group.holders).map((h) => [h.id, h]));

    expect(holders.get('alice.nguyen@acme.example')).toEqual({
      id: 'alice.nguyen@acme.example',
      name: 'Alice Nguyen',
      employmentStatus: 'ACTIVE',
      grants: [
        { role: 'ORG_OWNER', scope: 'Acme Corp', via: 'direct' },
        { role: 'ORG_OWNER', scope: 'Acme Research', via: 'direct' },
        { role: 'ORG_OWNER', scope: 'Acme Archive', via: 'direct' },
      ],
    });
    expect(holders.get('dmitri.ivanov@acme.example')).toEqual({
      id: 'dmitri.ivanov@acme.example',
      name: 'Dmitri Ivanov',
      employmentStatus: 'LEAVER',
      grants: [{ role: 'GROUP_OWNER', scope: 'Acme Corp / prod-payments', via: 'direct' }],
    });
    expect(holders.get('breakglass-admin')).toEqual({
      id: 'breakglass-admin',
      name: null,
      employmentStatus: null,
      grants: [
        {
          role: 'atlasAdmin@admin',
          scope: 'Acme Corp / prod-payments',
          via: 'database user breakglass-admin (SCRAM)',
        },
      ],
    });
  });

  it('counts a custom role that inherits an admin role', async () => {
    const groups = await runPrivilegedAccessReview(stack.gatewayUrl);
    const holders = new Map(groups.flatMap((group) => group.holders).map((h) => [h.id, h]));

    expect(holders.get('acme-okta/analysts')).toEqual({
      id: 'acme-okta/analysts',
      name: null,
      employmentStatus: null,
      grants: [
        {
          role: 'reportingAdmin@admin (inherits dbAdminAnyDatabase)',
          scope: 'Acme Corp / analytics',
          via: 'database user acme-okta/analysts (OIDC)',
        },
      ],
    });
  });

  it('explains a too-deep query at the gateway', async () => {
    const nested = 'projects { nodes { organisation { '.repeat(7);
    const body = await postGraphQL(
      stack.gatewayUrl,
      `{ organisations { nodes { ${nested} name ${'} } } '.repeat(7)} } } }`,
    );

    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toContain('fields deep; the limit is 20');
  });

  it('returns one employee footprint', async () => {
    const data = await queryOrThrow(stack.gatewayUrl, EMPLOYEE_FOOTPRINT_QUERY, {
      email: 'Carla.Jones@ACME.example',
    });

    expect(data).toEqual({
      employee: {
        email: 'carla.jones@acme.example',
        name: 'Carla Jones',
        department: 'Engineering',
        employmentStatus: 'ACTIVE',
        manager: { name: 'Alice Nguyen' },
        atlasAccess: {
          organisations: [
            {
              orgName: 'Acme Corp',
              membershipStatus: 'ACTIVE',
              orgRoles: ['ORG_MEMBER', 'ORG_GROUP_CREATOR'],
              lastAuth: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            },
            {
              orgName: 'Acme Research',
              membershipStatus: 'ACTIVE',
              orgRoles: ['ORG_MEMBER'],
              lastAuth: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
            },
          ],
          projects: [
            {
              projectName: 'analytics',
              roles: ['GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_OWNER'],
              grants: [
                { source: 'DIRECT', teamName: null, roles: ['GROUP_OWNER'] },
                {
                  source: 'TEAM',
                  teamName: 'data-platform',
                  roles: ['GROUP_DATA_ACCESS_READ_ONLY'],
                },
              ],
            },
          ],
          teams: [{ orgId: expect.any(String), teamName: 'data-platform' }],
        },
      },
    });
  });

  it('returns empty access without Atlas user', async () => {
    const data = await queryOrThrow(stack.gatewayUrl, EMPLOYEE_FOOTPRINT_QUERY, {
      email: 'ines.moreau@acme.example',
    });

    expect(data).toEqual({
      employee: {
        email: 'ines.moreau@acme.example',
        name: 'Inès Moreau',
        department: 'Legal',
        employmentStatus: 'ACTIVE',
        manager: { name: 'Alice Nguyen' },
        atlasAccess: { organisations: [], projects: [], teams: [] },
      },
    });
  });

  it('returns null for the contractor', async () => {
    const body = await postGraphQL(stack.gatewayUrl, EMPLOYEE_FOOTPRINT_QUERY, {
      email: 'emma.reyes@contractor.example',
    });

    expect(body).toEqual({ data: { employee: null } });
  });

  it('batches the directory join', async () => {
    const statsUrl = `${stack.directoryOrigin}/__directory/stats`;
    const before = (await (await fetch(statsUrl)).json()) as { entitiesCalls: number };
    const body = await postGraphQL<{ organisations: { nodes: { users: { nodes: unknown[] } }[] } }>(
      stack.gatewayUrl,
      '{ organisations { nodes { users { nodes { username employee { department } } } } } }',
    );
    const after = (await (await fetch(statsUrl)).json()) as { entitiesCalls: number };

    expect(body.errors).toBeUndefined();
    const users = body.data!.organisations.nodes.flatMap((org) => org.users.nodes);
    expect(users).toHaveLength(12);
    expect(after.entitiesCalls - before.entitiesCalls).toBe(1);
  });
});
