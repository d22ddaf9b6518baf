import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type ComplianceHarness } from './harness.js';
import { ago, compliantDataset, failingDataset, K1, NOW, O1, P1, SA1, T1 } from './scenarios.js';

const REVIEW = `
  query Review($id: ID!, $flags: [AccessReviewFlag!]) {
    organisation(id: $id) {
      accessReview(flags: $flags) {
        observedAt mfaRequired
        users {
          username membershipStatus orgRoles flags lastAuth invitationCreatedAt
          teams { id name }
          effectiveProjectRoles {
            projectId projectName roles grants { role via teamId teamName orgRole },
          }
        }
        machinePrincipals {
          kind id name orgRoles flags lastUsed
          projectRoles { projectId roles }
          accessList { cidrBlock lastUsed }
          secrets { id expiresAt lastUsedAt }
        }
        databaseUsers {
          projectId username databaseName authenticationKind flags roles {
            roleName databaseName,
          } scopes { name },
        }
        gaps { endpoint reason }
      }
    }
  }`;

describe('access review', () => {
  let harness: ComplianceHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('lists each principal with direct, team and organisation grants', async () => {
    harness = await startHarness(compliantDataset(), { now: NOW });
    const result = await harness.query(REVIEW, { id: O1 });
    expect(result.errors).toBeUndefined();
    const review = result.data.organisation.accessReview;
    expect(review.observedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(review.mfaRequired).toBe(true);
    expect(review.gaps).toEqual([]);
    expect(review.users).toEqual([
      {
        username: 'user1@corp.example',
        membershipStatus: 'ACTIVE',
        orgRoles: ['ORG_OWNER'],
        flags: ['PRIVILEGED'],
        lastAuth: ago(2),
        invitationCreatedAt: null,
        teams: [],
        effectiveProjectRoles: [
          {
            projectId: P1,
            projectName: 'Payments',
            roles: ['GROUP_OWNER'],
            grants: [
              {
                role: 'GROUP_OWNER',
                via: 'ORGANISATION',
                teamId: null,
                teamName: null,
                orgRole: 'ORG_OWNER',
              },
            ],
          },
        ],
      },
      {
        username: 'user2@corp.example',
        membershipStatus: 'ACTIVE',
        orgRoles: ['ORG_MEMBER'],
        flags: [],
        lastAuth: ago(2),
        invitationCreatedAt: null,
        teams: [{ id: T1, name: 'Payments on-call' }],
        effectiveProjectRoles: [
          {
            projectId: P1,
            projectName: 'Payments',
            roles: ['GROUP_DATA_ACCESS_READ_WRITE', 'GROUP_READ_ONLY'],
            grants: [
              {
                role: 'GROUP_READ_ONLY',
                via: 'DIRECT',
                teamId: null,
                teamName: null,
                orgRole: null,
              },
              {
                role: 'GROUP_DATA_ACCESS_READ_WRITE',
                via: 'TEAM',
                teamId: T1,
                teamName: 'Payments on-call',
                orgRole: null,
              },
            ],
          },
        ],
      },
    ]);
    expect(review.machinePrincipals).toEqual([
      {
        kind: 'API_KEY',
        id: K1,
        name: 'abcdefgh',
        orgRoles: ['ORG_READ_ONLY'],
        flags: [],
        lastUsed: ago(1),
        projectRoles: [],
        accessList: [{ cidrBlock: '203.0.113.0/24', lastUsed: ago(1) }],
        secrets: [],
      },
      {
        kind: 'SERVICE_ACCOUNT',
        id: SA1,
        name: 'ci',
        orgRoles: ['ORG_MEMBER'],
        flags: [],
        lastUsed: ago(3),
        projectRoles: [{ projectId: P1, roles: ['GROUP_CLUSTER_MANAGER'] }],
        accessList: [{ cidrBlock: '198.51.100.0/24', lastUsed: null }],
        secrets: [{ id: 'fffffffffffffffffffffff2', expiresAt: ago(-20), lastUsedAt: ago(3) }],
      },
    ]);
    expect(review.databaseUsers).toEqual([
      {
        projectId: P1,
        username: 'CN=payments-api',
        databaseName: '$external',
        authenticationKind: 'X509',
        flags: [],
        roles: [{ roleName: 'readWrite', databaseName: 'payments' }],
        scopes: [{ name: 'Cluster0' }],
      },
    ]);
  });

  it('flags stale, pending, expired, privileged and unenforced-MFA principals', async () => {
    harness = await startHarness(failingDataset(), { now: NOW });
    const result = await harness.query(REVIEW, { id: O1 });
    const review = result.data.organisation.accessReview;
    const flags = (list: { username?: string; name?: string; flags: string[] }[]) =>
      Object.fromEntries(list.map((item) => [item.username ?? item.name, item.flags]));
    expect(review.mfaRequired).toBe(false);
    expect(flags(review.users)).toEqual({
      'user1@corp.example': ['PRIVILEGED', 'NO_MFA_ENFORCEMENT'],
      'user3@corp.example': ['PRIVILEGED', 'NO_MFA_ENFORCEMENT'],
      'user4@corp.example': ['PRIVILEGED', 'NO_MFA_ENFORCEMENT'],
      'user5@corp.example': ['PRIVILEGED', 'NO_MFA_ENFORCEMENT'],
      'user2@corp.example': ['STALE', 'NO_MFA_ENFORCEMENT'],
      'user6@corp.example': ['PENDING', 'NO_MFA_ENFORCEMENT'],
    });
    expect(flags(review.machinePrincipals)).toEqual({
      abcdefgh: ['PRIVILEGED', 'NO_ACCESS_LIST'],
      ci: ['EXPIRED'],
    });
    expect(flags(review.databaseUsers)).toEqual({ root: ['PRIVILEGED', 'EXPIRED'] });
  });

  it('keeps only principals with a requested flag', async () => {
    harness = await startHarness(failingDataset(), { now: NOW });
    const result = await harness.query(REVIEW, { id: O1, flags: ['STALE', 'PENDING'] });
    const review = result.data.organisation.accessReview;
    expect(review.users.map((user: { username: string }) => user.username)).toEqual([
      'user2@corp.example',
      'user6@corp.example',
    ]);
    expect(review.users[1].invitationCreatedAt).toBe(ago(45));
    expect(review.machinePrincipals).toEqual([]);
    expect(review.databaseUsers).toEqual([]);
  });

  it('lists unreadable parts as gaps instead of dropping them silently', async () => {
    const dataset = compliantDataset();
    dataset.credentials[0].deniedPaths = ['/databaseUsers$', '/orgs/[^/]+/settings$'];
    harness = await startHarness(dataset, { now: NOW });
    const result = await harness.query(REVIEW, { id: O1 });
    expect(result.errors).toBeUndefined();
    const review = result.data.organisation.accessReview;
    expect(review.mfaRequired).toBeNull();
    expect(review.databaseUsers).toEqual([]);
    expect(review.gaps.map((gap: { endpoint: string }) => gap.endpoint)).toEqual([
      '/orgs/{orgId}/settings',
      '/groups/{groupId}/databaseUsers',
    ]);
    expect(review.gaps[1].reason).toMatch(/ATLAS_PERMISSION_DENIED, HTTP 401 USER_UNAUTHORIZED/);
  });
});
