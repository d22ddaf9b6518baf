import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/compliance/catalogue.js';
import { startHarness, type ComplianceHarness } from './harness.js';
import { compliantDataset, failingDataset, NOW, O1, P1 } from './scenarios.js';

const QUERY = `
  query Compliance($id: ID!, $status: ComplianceStatus, $framework: ComplianceFramework) {
    organisation(id: $id) {
      compliance(status: $status, framework: $framework) {
        observedAt
        checks {
          id status detail severity
          frameworks { framework control }
          resource { type id name projectId }
          evidence { observedAt values sources { endpoint apiVersion } }
        }
        summary { pass fail unknown notApplicable }
        coverage { evaluated incomplete checks { id state evaluated unknown reasons } }
      }
    }
  }`;

type Check = { id: string; status: string; resource: { name: string } };

/** Turns results into `{ "resource / check id": status }` for whole-result comparison. */
function verdicts(checks: Check[]): Record<string, string> {
  return Object.fromEntries(
    checks.map((check) => [`${check.resource.name} / ${check.id}`, check.status]),
  );
}

/** Maps every check of `scope` on `resource` to `status`, or to its entry in `overrides`. */
function expected(
  scope: string,
  resource: string,
  status: string,
  overrides: Record<string, string> = {},
) {
  return Object.fromEntries(
    CATALOGUE.filter((check) => check.scope === scope).map((check) => [
      `${resource} / ${check.id}`,
      overrides[check.id] ?? status,
    ]),
  );
}

const FLEX_NOT_APPLICABLE = {
  'cluster.encryption-at-rest': 'NOT_APPLICABLE',
  'cluster.point-in-time-recovery': 'NOT_APPLICABLE',
  'cluster.tls-minimum': 'NOT_APPLICABLE',
  'cluster.client-log-redaction': 'NOT_APPLICABLE',
  'cluster.auto-scaling': 'NOT_APPLICABLE',
  'cluster.electable-nodes': 'NOT_APPLICABLE',
};

describe('compliance against the simulator', () => {
  let harness: ComplianceHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('passes every check on a compliant estate', async () => {
    harness = await startHarness(compliantDataset(), { now: NOW });
    const result = await harness.query(QUERY, { id: O1 });
    expect(result.errors).toBeUndefined();
    const report = result.data.organisation.compliance;
    expect(verdicts(report.checks)).toEqual({
      ...expected('ORGANISATION', 'Org One', 'PASS'),
      ...expected('PROJECT', 'Payments', 'PASS'),
      ...expected('CLUSTER', 'Cluster0', 'PASS'),
      ...expected('CLUSTER', 'FlexA', 'PASS', FLEX_NOT_APPLICABLE),
    });
    expect(report.summary).toEqual(
      { pass: 11 + 14 + 9 + 3, fail: 0, unknown: 0, notApplicable: 6 },
    );
    expect(report.observedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(report.coverage.evaluated).toBe(CATALOGUE.length);
    expect(report.coverage.incomplete).toBe(0);
  });

  it('fails every check on a non-compliant estate', async () => {
    harness = await startHarness(failingDataset(), { now: NOW });
    const result = await harness.query(QUERY, { id: O1 });
    expect(result.errors).toBeUndefined();
    const report = result.data.organisation.compliance;
    expect(verdicts(report.checks)).toEqual({
      ...expected('ORGANISATION', 'Org One', 'FAIL'),
      ...expected('PROJECT', 'Payments', 'FAIL'),
      ...expected('CLUSTER', 'Cluster0', 'FAIL'),
    });
  });

  it('carries provenance and raw values on each result', async () => {
    harness = await startHarness(failingDataset(), { now: NOW });
    const result = await harness.query(QUERY, { id: O1, status: 'FAIL' });
    const internet = result.data.organisation.compliance.checks.find(
      (check: Check) => check.id === 'network.no-internet-access',
    );
    expect(internet).toEqual({
      id: 'network.no-internet-access',
      status: 'FAIL',
      detail: 'Access-list entries that admit the whole internet: 1.',
      severity: 'CRITICAL',
      frameworks: [
        { framework: 'SOC2', control: 'CC6.6' },
        { framework: 'ISO27001', control: 'A.8.20' },
        { framework: 'ISO27001', control: 'A.8.22' },
      ],
      resource: { type: 'PROJECT', id: P1, name: 'Payments', projectId: P1 },
      evidence: {
        observedAt: '2026-06-01T00:00:00.000Z',
        values: {
          openEntries: [
            {
              entry: '0.0.0.0/0',
              comment: 'temporary debug',
              deleteAfterDate: '2026-05-31T00:00:00.000Z',
            },
          ],
        },
        sources: [{ endpoint: '/groups/{groupId}/accessList', apiVersion: '2023-01-01' }],
      },
    });
  });

  it('returns UNKNOWN with the reason when the key may not read an endpoint', async () => {
    const dataset = compliantDataset();
    dataset.credentials[0].deniedPaths = ['/auditLog$', '/orgs/[^/]+/settings$'];
    harness = await startHarness(dataset, { now: NOW });
    const result = await harness.query(QUERY, { id: O1 });
    expect(result.errors).toBeUndefined();
    const report = result.data.organisation.compliance;
    const unknownIds = [
      'identity.mfa-required',
      'identity.api-access-list-required',
      'identity.employee-access-restricted',
      'identity.security-contact-set',
      'identity.service-account-secret-lifetime',
      'logging.database-auditing',
      'logging.audit-authorization-success',
      'logging.audit-filter',
    ];
    const unknown = Object.fromEntries(unknownIds.map((id) => [id, 'UNKNOWN']));

    expect(verdicts(report.checks)).toEqual({
      ...expected('ORGANISATION', 'Org One', 'PASS', unknown),
      ...expected('PROJECT', 'Payments', 'PASS', unknown),
      ...expected('CLUSTER', 'Cluster0', 'PASS'),
      ...expected('CLUSTER', 'FlexA', 'PASS', FLEX_NOT_APPLICABLE),
    });
    const audit = report.checks.find((check: Check) => check.id === 'logging.database-auditing');
    expect(audit.detail).toMatch(
      /^Could not read \/groups\/\{groupId\}\/auditLog \(ATLAS_PERMISSION_DENIED, HTTP 401 /,
    );
    expect(audit.detail).toContain('HTTP 401 USER_UNAUTHORIZED):');
    expect(audit.evidence.values).toBeNull();

    const coverage = report.coverage.checks.find(
      (entry: { id: string }) => entry.id === 'logging.database-auditing',
    );
    expect(coverage).toEqual({
      id: 'logging.database-auditing',
      state: 'NOT_EVALUATED',
      evaluated: 0,
      unknown: 1,
      reasons: [audit.detail],
    });
    expect(report.coverage.incomplete).toBe(unknownIds.length);
    expect(report.coverage.evaluated).toBe(CATALOGUE.length - unknownIds.length);
  });

  it('keeps coverage complete when the status filter hides UNKNOWN results', async () => {
    const dataset = compliantDataset();
    dataset.credentials[0].deniedPaths = ['/auditLog$'];
    harness = await startHarness(dataset, { now: NOW });
    const result = await harness.query(QUERY, { id: O1, status: 'FAIL' });
    const report = result.data.organisation.compliance;
    expect(report.checks).toEqual([]);
    expect(report.summary).toEqual({ pass: 0, fail: 0, unknown: 0, notApplicable: 0 });
    expect(report.coverage.incomplete).toBe(3);
  });

  it('reports project and cluster checks as UNKNOWN when projects cannot be listed', async () => {
    const dataset = compliantDataset();
    dataset.credentials[0].deniedPaths = ['/orgs/[^/]+/groups$'];
    harness = await startHarness(dataset, { now: NOW });
    const result = await harness.query(QUERY, { id: O1 });
    type TypedCheck = Check & { resource: { type: string } };
    const checks: TypedCheck[] = result.data.organisation.compliance.checks;
    const below = checks.filter((check) => check.id.split('.')[0] !== 'identity');
    expect(below.length).toBe(CATALOGUE.length - 11);
    expect(new Set(below.map((check) => `${check.status} ${check.resource.type}`))).toEqual(
      new Set(['UNKNOWN ORGANISATION']),
    );
  });

  it('filters by framework and evaluates project and cluster fields alone', async () => {
    harness = await startHarness(failingDataset(), { now: NOW });
    const result = await harness.query(
      `query($p: ID!) {
        project(id: $p) {
          compliance(severity: CRITICAL) { checks { id status resource { name } } }
          clusters {
            nodes { name compliance(framework: ISO27001, status: FAIL) { summary { fail } } },
          }
        }
      }`,
      { p: P1 },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.project.compliance.checks).toEqual([
      { id: 'network.no-internet-access', status: 'FAIL', resource: { name: 'Payments' } },
    ]);
    expect(result.data.project.clusters.nodes).toEqual(
      [{ name: 'Cluster0', compliance: { summary: { fail: 9 } } }],
    );
  });

  it('evaluates every project of a large organisation in order', async () => {
    const dataset = compliantDataset();
    const template = dataset.projects[0];
    dataset.projects = Array.from({ length: 20 }, (_, index) => ({
      ...template,
      id: `bbbbbbbbbbbbbbbbbbbbbb${(index + 10).toString()}`,
      name: `project-${index + 10}`,
      clusters: [],
      flexClusters: [],
      teams: [],
    }));
    harness = await startHarness(dataset, { now: NOW });
    const result = await harness.query(
      `query($id: ID!) {
        organisation(id: $id) { compliance { checks { resource { type name } } } }
      }`,
      { id: O1 },
    );
    expect(result.errors).toBeUndefined();
    const projectNames = result.data.organisation.compliance.checks
      .filter((check: { resource: { type: string } }) => check.resource.type === 'PROJECT')
      .map((check: { resource: { name: string } }) => check.resource.name);
    const perProject = CATALOGUE.filter((check) => check.scope === 'PROJECT').length;
    const expectedNames = dataset.projects.flatMap((project) =>
      Array.from({ length: perProject }, () => project.name),
    );
    expect(projectNames).toEqual(expectedNames);
  });

  it('lists the catalogue by framework', async () => {
    harness = await startHarness(compliantDataset(), { now: NOW });
    const result = await harness.query('{ complianceCatalogue(framework: SOC2) { id scope } }');
    expect(result.data.complianceCatalogue).toHaveLength(CATALOGUE.length);
    expect(result.data.complianceCatalogue[0]).toEqual(
      { id: 'identity.mfa-required', scope: 'ORGANISATION' },
    );
  });
});
