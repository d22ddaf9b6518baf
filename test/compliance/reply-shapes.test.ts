/**
 * Compliance through the subgraph and the simulator when Atlas responds with 200 and a body of
 * the wrong shape. Every affected check must be UNKNOWN with a reason that names the endpoint and
 * the shape, and the report command must fail with UPSTREAM_INVALID_RESPONSE.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../src/compliance/report-cli.js';
import { silentLogger } from '../../src/observability/logger.js';
import { startStack, type Stack } from '../support/stack.js';
import { compliantDataset, O1, P1 } from './scenarios.js';

const API = '/api/atlas/v2';
const ENDPOINT_SERVICE = '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService';

const PROJECT_QUERY = `query Project($id: ID!) {
  project(id: $id) { compliance { checks { id status detail evidence { values } } } }
}`;
const ORG_QUERY = `query Org($id: ID!) {
  organisation(id: $id) { compliance { checks { id status detail resource { type } } } }
}`;

type Check = { id: string; status: string; detail: string; evidence?: { values: unknown } };

/** Returns the reason `describeFailure` gives for a 200 reply of `template` that is `problem`. */
function invalidReply(template: string, problem: string, expected: string): string {
  return (
    `Could not read ${template} (UPSTREAM_INVALID_RESPONSE, HTTP 200): ` +
    `Atlas returned ${problem}, expected ${expected}; report it if it persists.`
  );
}

describe('compliance on replies of the wrong shape', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: compliantDataset() });
  });

  afterAll(async () => {
    await stack?.close();
  });

  afterEach(() => {
    stack.simulator.clearFaults();
  });

  /** Makes `path` (under /api/atlas/v2) return 200 with `body`. */
  function reply(path: string, body: unknown): void {
    stack.simulator.addFault({ match: { path: `${API}${path}` }, response: { status: 200, body } });
  }

  async function projectChecks(): Promise<Map<string, Check>> {
    const result = await stack.query(PROJECT_QUERY, { id: P1 });
    expect(result.errors).toBeUndefined();
    const checks = result.data!.project.compliance.checks as Check[];
    return new Map(checks.map((check) => [check.id, check]));
  }

  async function organisationChecks(): Promise<Check[]> {
    const result = await stack.query(ORG_QUERY, { id: O1 });
    expect(result.errors).toBeUndefined();
    return (result.data!.organisation.compliance.checks as (Check & {
      resource: { type: string };
    })[]).filter((check) => check.resource.type === 'ORGANISATION');
  }

  it('passes private endpoints before any fault', async () => {
    const check = (await projectChecks()).get('network.private-endpoints-available')!;
    expect(check.status).toBe('PASS');
  });

  const ENVELOPES: [string, unknown][] = [
    ['a paged envelope', { results: [], totalCount: 0 }],
    ['an empty object', {}],
  ];

  for (const [name, body] of ENVELOPES) {
    it(`reports ${name} from the endpoint-service list as UNKNOWN`, async () => {
      reply(`/groups/${P1}/privateEndpoint/AWS/endpointService`, body);

      const check = (await projectChecks()).get('network.private-endpoints-available')!;

      expect(check.status).toBe('UNKNOWN');
      expect(check.detail).toBe(
        invalidReply(ENDPOINT_SERVICE, 'a JSON object', 'an array of JSON objects'),
      );
      expect(check.evidence?.values).toBeNull();
    });
  }

  it('reports a null item in the endpoint-service list as UNKNOWN', async () => {
    reply(`/groups/${P1}/privateEndpoint/GCP/endpointService`, [null]);

    const check = (await projectChecks()).get('network.private-endpoints-available')!;

    expect(check.status).toBe('UNKNOWN');
    expect(check.detail).toBe(
      invalidReply(ENDPOINT_SERVICE, 'an array whose item 1 is null', 'an array of JSON objects'),
    );
  });

  it('reports empty encryption settings as UNKNOWN naming the fields', async () => {
    reply(`/groups/${P1}/encryptionAtRest`, {});

    const check = (await projectChecks()).get('keys.customer-managed-key')!;

    expect(check.status).toBe('UNKNOWN');
    expect(check.detail).toBe(
      'Atlas returned no boolean awsKms.enabled, azureKeyVault.enabled, ' +
        'googleCloudKms.enabled from /groups/{groupId}/encryptionAtRest ' +
        '(API version 2023-01-01), so the setting cannot be judged.',
    );
  });

  it('reports an audit log sent as a JSON string as UNKNOWN', async () => {
    reply(`/groups/${P1}/auditLog`, 'enabled');

    const checks = await projectChecks();

    for (const id of [
      'logging.database-auditing',
      'logging.audit-authorization-success',
      'logging.audit-filter',
    ]) {
      expect(checks.get(id)!.status, id).toBe('UNKNOWN');
      expect(checks.get(id)!.detail, id).toBe(
        invalidReply('/groups/{groupId}/auditLog', 'a JSON string', 'a JSON object or array'),
      );
    }
  });

  it('reports null organisation settings as UNKNOWN', async () => {
    reply(`/orgs/${O1}/settings`, null);

    const checks = await organisationChecks();
    const settingChecks = checks.filter((check) =>
      [
        'identity.mfa-required',
        'identity.api-access-list-required',
        'identity.employee-access-restricted',
        'identity.security-contact-set',
        'identity.service-account-secret-lifetime',
      ].includes(check.id),
    );

    expect(settingChecks).toHaveLength(5);
    for (const check of settingChecks) {
      expect(check.status, check.id).toBe('UNKNOWN');
      expect(check.detail, check.id).toBe(
        invalidReply('/orgs/{orgId}/settings', 'null', 'a JSON object or array'),
      );
    }
  });

  it('reports a user page with a numeric item as UNKNOWN', async () => {
    reply(`/orgs/${O1}/users`, { results: [42], totalCount: 1 });

    const checks = await organisationChecks();
    const userChecks = checks.filter((check) =>
      ['identity.no-stale-members', 'identity.no-stale-invitations', 'identity.org-owner-limit']
        .includes(check.id),
    );

    expect(userChecks).toHaveLength(3);
    for (const check of userChecks) {
      expect(check.status, check.id).toBe('UNKNOWN');
      expect(check.detail, check.id).toBe(
        invalidReply(
          '/orgs/{orgId}/users',
          'an array whose item 1 is a JSON number',
          'an array of JSON objects',
        ),
      );
    }
  });

  it('reports a cluster without region configurations as UNKNOWN', async () => {
    const page = {
      results: [{ groupId: P1, name: 'Cluster0', replicationSpecs: [{ zoneName: 'Zone 1' }] }],
      totalCount: 1,
    };
    reply(`/groups/${P1}/clusters`, page);

    const result = await stack.query(
      `query Project($id: ID!) {
        project(id: $id) { compliance { checks { id status detail resource { type } } } }
      }`,
      { id: P1 },
    );

    // The cluster list fails as a whole, so each cluster check is reported once on the project.
    const checks = result.data!.project.compliance.checks as (Check & {
      resource: { type: string };
    })[];
    const clusterChecks = checks.filter((check) => check.id.startsWith('cluster.'));
    expect(clusterChecks.length).toBeGreaterThan(0);
    for (const check of clusterChecks) {
      expect(check.status, check.id).toBe('UNKNOWN');
      expect(check.resource.type, check.id).toBe('PROJECT');
      expect(check.detail, check.id).toBe(
        invalidReply(
          '/groups/{groupId}/clusters',
          'a cluster whose replication specs lack a regionConfigs array',
          'a regionConfigs array in every replication spec',
        ),
      );
    }
  });

  it('fails the report on a null organisation', async () => {
    reply(`/orgs/${O1}`, null);
    const env = {
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-test',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-test',
      MONGODB_ATLAS_BASE_URL: stack.simulator.url,
    };

    const run = runReport({ orgId: O1, format: 'json' }, env, silentLogger);

    await expect(run).rejects.toThrow(
      `Cannot read organisation ${O1}: ` +
        invalidReply('/orgs/{orgId}', 'null', 'a JSON object or array'),
    );
  });
});
