import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/compliance/catalogue.js';
import type { CheckScope } from '../../src/compliance/types.js';
import { DEMO_IDS, demoDataset } from '../../src/simulator/demo.js';
import { startHarness, type ComplianceHarness } from './harness.js';
import { NOW } from './scenarios.js';

type Exceptions = { FAIL?: string[]; NOT_APPLICABLE?: string[] };

/** The demo's verdicts as docs/compliance.md lists them: PASS unless named here. */
const DEMO_VERDICTS: [CheckScope, string, Exceptions][] = [
  ['ORGANISATION', 'Acme Corp', {
    FAIL: [
      'identity.api-access-list-required', 'identity.employee-access-restricted',
      'identity.service-account-secret-lifetime', 'identity.no-expired-service-account-secrets',
      'identity.no-stale-members', 'identity.no-stale-invitations',
      'identity.no-org-owner-machine-credentials', 'identity.api-keys-have-access-list',
    ],
  }],
  ['PROJECT', 'prod-payments', {
    FAIL: [
      'database.no-broad-admin-grants', 'database.users-scoped-to-clusters',
      'database.external-authentication', 'network.no-wide-cidr',
    ],
  }],
  ['CLUSTER', 'payments-prod', {}],
  ['PROJECT', 'staging-payments', {
    FAIL: [
      'database.no-broad-admin-grants', 'database.users-scoped-to-clusters',
      'database.no-expired-temporary-users', 'database.external-authentication',
      'network.no-internet-access', 'network.no-wide-cidr', 'logging.database-auditing',
      'logging.audit-authorization-success', 'logging.audit-filter', 'keys.customer-managed-key',
    ],
    NOT_APPLICABLE: ['network.private-endpoints-available', 'network.peering-healthy'],
  }],
  ['CLUSTER', 'payments-staging', {
    FAIL: [
      'cluster.encryption-at-rest', 'cluster.cloud-backup', 'cluster.point-in-time-recovery',
      'cluster.termination-protection', 'cluster.tls-minimum', 'cluster.client-log-redaction',
      'cluster.supported-version', 'cluster.auto-scaling',
    ],
  }],
  ['CLUSTER', 'staging-flex', {
    FAIL: ['cluster.termination-protection'],
    NOT_APPLICABLE: [
      'cluster.encryption-at-rest', 'cluster.point-in-time-recovery', 'cluster.tls-minimum',
      'cluster.client-log-redaction', 'cluster.auto-scaling', 'cluster.electable-nodes',
    ],
  }],
  ['PROJECT', 'analytics', {
    FAIL: [
      'database.users-scoped-to-clusters', 'database.custom-roles-least-privilege',
      'logging.database-auditing', 'logging.audit-authorization-success', 'logging.audit-filter',
      'keys.customer-managed-key',
    ],
    NOT_APPLICABLE: ['network.private-endpoints-available', 'network.peering-healthy'],
  }],
  ['CLUSTER', 'analytics-main', {
    FAIL: [
      'cluster.encryption-at-rest', 'cluster.point-in-time-recovery',
      'cluster.termination-protection',
      'cluster.client-log-redaction', 'cluster.auto-scaling',
    ],
  }],
  ['PROJECT', 'Sandbox Project', {
    NOT_APPLICABLE: [
      'network.private-endpoints-available', 'network.peering-healthy', 'logging.database-auditing',
      'logging.audit-authorization-success', 'logging.audit-filter', 'keys.customer-managed-key',
    ],
  }],
  ['CLUSTER', 'sandbox-free', {
    FAIL: ['cluster.termination-protection'],
    NOT_APPLICABLE: [
      'cluster.encryption-at-rest', 'cluster.cloud-backup', 'cluster.point-in-time-recovery',
      'cluster.tls-minimum', 'cluster.client-log-redaction', 'cluster.auto-scaling',
      'cluster.electable-nodes',
    ],
  }],
];

function expectedVerdicts(): Record<string, string> {
  const entries = DEMO_VERDICTS.flatMap(([scope, name, exceptions]) =>
    CATALOGUE.filter((check) => check.scope === scope).map((check) => {
      let status = 'PASS';
      if (exceptions.FAIL?.includes(check.id)) status = 'FAIL';
      if (exceptions.NOT_APPLICABLE?.includes(check.id)) status = 'NOT_APPLICABLE';
      return [`${name} / ${check.id}`, status];
    }),
  );
  return Object.fromEntries(entries);
}

describe('demo dataset compliance', () => {
  let harness: ComplianceHarness;
  beforeAll(async () => {
    harness = await startHarness(demoDataset({ now: NOW }), { now: NOW });
  });
  afterAll(async () => {
    await harness.close();
  });

  it('gives the verdicts the compliance guide documents', async () => {
    const result = await harness.query(
      `query($id: ID!) { organisation(id: $id) { compliance {
        checks { id status resource { name } } summary { pass fail unknown notApplicable }
      } } }`,
      { id: DEMO_IDS.acmeCorp },
    );
    expect(result.errors).toBeUndefined();
    const { checks, summary } = result.data.organisation.compliance;
    const actual = Object.fromEntries(
      checks.map((check: { id: string; status: string; resource: { name: string } }) => [
        `${check.resource.name} / ${check.id}`,
        check.status,
      ]),
    );
    expect(actual).toEqual(expectedVerdicts());
    expect(summary).toEqual({ pass: 46, fail: 43, unknown: 0, notApplicable: 23 });
  });

  it('answers the documented example query', async () => {
    const result = await harness.query(
      `query($id: ID!) {
        organisation(id: $id) {
          compliance(status: FAIL, severity: CRITICAL) {
            checks {
              id title status
              frameworks { framework control }
              resource { type name }
              detail
              evidence { sources { endpoint apiVersion } values }
            }
            summary { pass fail unknown notApplicable }
          }
        }
      }`,
      { id: DEMO_IDS.acmeCorp },
    );
    expect(result).toEqual({
      data: {
        organisation: {
          compliance: {
            checks: [
              {
                id: 'network.no-internet-access',
                title: 'No access-list entry admits the whole internet',
                status: 'FAIL',
                frameworks: [
                  { framework: 'SOC2', control: 'CC6.6' },
                  { framework: 'ISO27001', control: 'A.8.20' },
                  { framework: 'ISO27001', control: 'A.8.22' },
                ],
                resource: { type: 'PROJECT', name: 'staging-payments' },
                detail: 'Access-list entries that admit the whole internet: 1.',
                evidence: {
                  sources: [{ endpoint: '/groups/{groupId}/accessList', apiVersion: '2023-01-01' }],
                  values: {
                    openEntries: [
                      {
                        entry: '0.0.0.0/0',
                        comment: 'debugging',
                        deleteAfterDate: '2026-06-08T00:00:00Z',
                      },
                    ],
                  },
                },
              },
            ],
            summary: { pass: 0, fail: 1, unknown: 0, notApplicable: 0 },
          },
        },
      },
    });
  });
});
