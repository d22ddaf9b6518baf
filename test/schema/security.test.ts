import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStack, type GraphQLResponse, type Stack } from '../support/stack.js';
import { cluster, dataset, O1, org, P1, project } from '../support/datasets.js';
import { DEMO_IDS, demoDataset } from '../../src/simulator/demo.js';
import { hexId, relativeDates } from '../../src/simulator/fixtures.js';
import { createLogger } from '../../src/observability/logger.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import type { ServiceAccountSecret } from '../../src/atlas/types.js';

const API = '/api/atlas/v2';
const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.now();
const d = relativeDates(NOW);

const CORP = DEMO_IDS.acmeCorp;
const PROD = DEMO_IDS.prodPayments;
const STAGING = DEMO_IDS.stagingPayments;
const ANALYTICS = DEMO_IDS.analytics;
const SANDBOX = DEMO_IDS.sandbox;
const ORG_PATH = `${API}/orgs/${CORP}`;

const ALL_EVENT_FIELDS = `id created eventTypeName orgId projectId userId username apiKeyId
  publicKey remoteAddress isGlobalAdmin targetUsername targetPublicKey databaseUsername teamId
  resourceId resourceType`;

/** Builds an AtlasEvent node with every field null except those given. */
function eventNode(fields: Record<string, unknown>) {
  const empty = Object.fromEntries(ALL_EVENT_FIELDS.split(/\s+/).map((name) => [name, null]));
  return { ...empty, ...fields };
}

/** The `atlas.request` debug lines the subgraph wrote, as parsed objects. */
const requestLog: { event: string; path: string }[] = [];
const captureLogger = createLogger({
  level: 'debug',
  write: (line) => {
    const record = JSON.parse(line);
    if (record.event === 'atlas.request') requestLog.push(record);
  },
});

/** Query parameters of every logged request to `pathname`. */
function loggedQueries(pathname: string): URLSearchParams[] {
  return requestLog
    .map((record) => new URL(record.path, 'http://127.0.0.1'))
    .filter((url) => url.pathname === pathname)
    .map((url) => url.searchParams);
}

/** Builds a snapshot schedule item as both backup types return it. */
function policyItem(
  frequencyType: string,
  frequencyInterval: number,
  retentionUnit: string,
  retentionValue: number,
) {
  return { frequencyType, frequencyInterval, retentionUnit, retentionValue };
}

/** Lists each error's path and code, sorted by path because resolvers fail in any order. */
function errorCodes(result: GraphQLResponse) {
  return (result.errors ?? [])
    .map((error) => ({ path: error.path, code: error.extensions?.code }))
    .sort((a, b) => String(a.path).localeCompare(String(b.path)));
}

describe('security fields on the demo estate', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: demoDataset({ now: NOW }), logger: captureLogger });
  });

  afterAll(() => stack.close());

  beforeEach(() => {
    stack.simulator.resetCounters();
    requestLog.length = 0;
  });

  it('organisation settings', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") { settings {
      multiFactorAuthRequired apiAccessListRequired restrictEmployeeAccess securityContact
      maxServiceAccountSecretValidityInHours idleSessionTimeoutSeconds
      absoluteSessionTimeoutSeconds genAIFeaturesEnabled } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.settings).toEqual({
      multiFactorAuthRequired: true,
      apiAccessListRequired: false,
      restrictEmployeeAccess: false,
      securityContact: 'security@acme.example',
      maxServiceAccountSecretValidityInHours: 8760,
      idleSessionTimeoutSeconds: null,
      absoluteSessionTimeoutSeconds: null,
      genAIFeaturesEnabled: true,
    });
    expect(stack.calls()).toEqual({ [ORG_PATH]: 1, [`${ORG_PATH}/settings`]: 1 });
  });

  it('unselected security fields make no calls', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") { name } }`);
    expect(result.errors).toBeUndefined();
    expect(stack.calls()).toEqual({ [ORG_PATH]: 1 });
  });

  it('federation settings null when unset', async () => {
    const result = await stack.query(
      `{ organisation(id: "${CORP}") { federationSettings { id } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.federationSettings).toBeNull();
    expect(stack.calls()[`${ORG_PATH}/federationSettings`]).toBe(1);
  });

  it('API keys with access lists', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") { apiKeys {
      totalCount
      nodes { id publicKey description lastUsed
        roles { roleName orgId projectId project { id } }
        accessList { ipAddress cidrBlock created lastUsed lastUsedAddress count } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.apiKeys).toEqual({
      totalCount: 2,
      nodes: [
        {
          id: DEMO_IDS.terraformCiKey,
          publicKey: 'tfcikey1',
          description: 'terraform-ci',
          lastUsed: null,
          roles: [{ roleName: 'ORG_OWNER', orgId: CORP, projectId: null, project: null }],
          accessList: [],
        },
        {
          id: DEMO_IDS.reportingKey,
          publicKey: 'rptkey01',
          description: 'reporting',
          lastUsed: d.daysAgo(1),
          roles: [{ roleName: 'ORG_READ_ONLY', orgId: CORP, projectId: null, project: null }],
          accessList: [
            {
              ipAddress: null,
              cidrBlock: '203.0.113.0/24',
              created: d.daysAgo(10),
              lastUsed: d.daysAgo(1),
              lastUsedAddress: '203.0.113.10',
              count: 1520,
            },
          ],
        },
      ],
    });
    // accessList and lastUsed share one call per key.
    expect(stack.calls()).toEqual({
      [ORG_PATH]: 1,
      [`${ORG_PATH}/apiKeys`]: 1,
      [`${ORG_PATH}/apiKeys/${DEMO_IDS.terraformCiKey}/accessList`]: 1,
      [`${ORG_PATH}/apiKeys/${DEMO_IDS.reportingKey}/accessList`]: 1,
    });
  });

  it('API key list alone skips access lists', async () => {
    const result = await stack.query(
      `{ organisation(id: "${CORP}") {
        apiKeys(first: 1) { nodes { publicKey } pageInfo { hasNextPage } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.apiKeys).toEqual({
      nodes: [{ publicKey: 'tfcikey1' }],
      pageInfo: { hasNextPage: true },
    });
    expect(stack.calls()).toEqual({ [ORG_PATH]: 1, [`${ORG_PATH}/apiKeys`]: 1 });
  });

  it('service accounts with secrets and projects', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") { serviceAccounts {
      totalCount
      nodes { clientId name description createdAt roles
        secrets { id createdAt expiresAt lastUsedAt maskedSecretValue expired }
        accessList { ipAddress cidrBlock createdAt lastUsedAt lastUsedAddress requestCount }
        projects { projectId roles project { name } } } } } }`);
    expect(result.errors).toBeUndefined();
    const readOnly = (projectId: string, name: string) => ({
      projectId,
      roles: ['GROUP_READ_ONLY'],
      project: { name },
    });
    expect(result.data!.organisation.serviceAccounts).toEqual({
      totalCount: 2,
      nodes: [
        {
          clientId: `mdb_sa_id_${hexId('65a1', 1)}`,
          name: 'compliance-reader',
          description: 'Reads settings for quarterly access reviews',
          createdAt: d.daysAgo(335),
          roles: ['ORG_READ_ONLY'],
          secrets: [
            {
              id: hexId('65a2', 1),
              createdAt: d.daysAgo(335),
              expiresAt: d.daysAhead(30),
              lastUsedAt: d.daysAgo(1),
              maskedSecretValue: 'mdb_sa_sk_...4f2a',
              expired: false,
            },
          ],
          accessList: [
            {
              ipAddress: null,
              cidrBlock: '203.0.113.0/24',
              createdAt: d.daysAgo(335),
              lastUsedAt: d.daysAgo(1),
              lastUsedAddress: '203.0.113.10',
              requestCount: 9120,
            },
          ],
          projects: [
            readOnly(PROD, 'prod-payments'),
            readOnly(STAGING, 'staging-payments'),
            readOnly(ANALYTICS, 'analytics'),
            readOnly(SANDBOX, 'Sandbox Project'),
          ],
        },
        {
          clientId: `mdb_sa_id_${hexId('65a1', 2)}`,
          name: 'legacy-exporter',
          description: 'Nightly export job, replaced by the data platform',
          createdAt: d.daysAgo(95),
          roles: ['ORG_MEMBER'],
          secrets: [
            {
              id: hexId('65a2', 2),
              createdAt: d.daysAgo(95),
              expiresAt: d.daysAgo(5),
              lastUsedAt: d.daysAgo(6),
              maskedSecretValue: 'mdb_sa_sk_...91c0',
              expired: true,
            },
          ],
          accessList: [],
          projects: [
            {
              projectId: ANALYTICS,
              roles: ['GROUP_DATA_ACCESS_READ_ONLY'],
              project: { name: 'analytics' },
            },
          ],
        },
      ],
    });
  });

  it('invitations with project roles', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") { invitations {
      id username inviterUsername createdAt expiresAt roles teamIds
      projectRoles { projectId roles project { name } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.invitations).toEqual([
      {
        id: DEMO_IDS.users.gus,
        username: 'gus.peterson@acme.example',
        inviterUsername: 'alice.nguyen@acme.example',
        createdAt: d.daysAgo(40),
        expiresAt: d.daysAhead(20),
        roles: ['ORG_MEMBER'],
        teamIds: [],
        projectRoles: [
          { projectId: SANDBOX, roles: ['GROUP_READ_ONLY'], project: { name: 'Sandbox Project' } },
        ],
      },
    ]);
    expect(stack.calls()).toEqual({
      [ORG_PATH]: 1,
      [`${ORG_PATH}/invites`]: 1,
      [`${API}/groups/${SANDBOX}`]: 1,
    });
  });

  it('organisation events default to 30 days', async () => {
    const result = await stack.query(
      `{ organisation(id: "${CORP}") { events { totalCount nodes { ${ALL_EVENT_FIELDS} } } } }`,
    );
    expect(result.errors).toBeUndefined();
    // The 40-day-old INVITED_TO_ORG event falls outside the default window.
    expect(result.data!.organisation.events).toEqual({
      totalCount: 1,
      nodes: [
        eventNode({
          id: hexId('65f1', 2),
          created: d.daysAgo(10),
          eventTypeName: 'API_KEY_ACCESS_LIST_ENTRY_ADDED',
          orgId: CORP,
          userId: DEMO_IDS.users.alice,
          username: 'alice.nguyen@acme.example',
          targetPublicKey: 'rptkey01',
          remoteAddress: '203.0.113.7',
          isGlobalAdmin: false,
        }),
      ],
    });
    const [query] = loggedQueries(`${ORG_PATH}/events`);
    const sentMin = Date.parse(query.get('minDate')!);
    expect(Math.abs(sentMin - (Date.now() - 30 * DAY_MS))).toBeLessThan(60_000);
    expect(query.has('maxDate')).toBe(false);
    expect(query.has('eventType')).toBe(false);
  });

  it('event filters sent to Atlas', async () => {
    const minDate = d.daysAgo(60);
    const maxDate = d.daysAgo(20);
    const result = await stack.query(
      `query Events($min: String, $max: String) { organisation(id: "${CORP}") {
        events(minDate: $min, maxDate: $max, eventTypes: ["INVITED_TO_ORG", "GROUP_DELETED"]) {
          nodes { id eventTypeName targetUsername } } } }`,
      { min: minDate, max: maxDate },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.events.nodes).toEqual([
      {
        id: hexId('65f1', 1),
        eventTypeName: 'INVITED_TO_ORG',
        targetUsername: 'gus.peterson@acme.example',
      },
    ]);
    const queries = loggedQueries(`${ORG_PATH}/events`);
    expect(queries).toHaveLength(1);
    expect(queries[0].get('minDate')).toBe(new Date(minDate).toISOString());
    expect(queries[0].get('maxDate')).toBe(new Date(maxDate).toISOString());
    expect(queries[0].getAll('eventType')).toEqual(['INVITED_TO_ORG', 'GROUP_DELETED']);
    expect(stack.calls()[`${ORG_PATH}/events`]).toBe(1);
  });

  it('project events', async () => {
    const minDate = d.daysAgo(300);
    const result = await stack.query(
      `{ project(id: "${STAGING}") {
        events(minDate: "${minDate}") { nodes { ${ALL_EVENT_FIELDS} } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.project.events.nodes).toEqual([
      eventNode({
        id: hexId('65f1', 3),
        created: d.daysAgo(1),
        eventTypeName: 'NETWORK_PERMISSION_ENTRY_ADDED',
        orgId: CORP,
        projectId: STAGING,
        userId: DEMO_IDS.users.jose,
        username: 'jose.alvarez@acme.example',
        remoteAddress: '198.51.100.23',
        isGlobalAdmin: false,
      }),
    ]);
    const [query] = loggedQueries(`${API}/groups/${STAGING}/events`);
    expect(query.get('minDate')).toBe(new Date(minDate).toISOString());
  });

  const BAD_DATES: [string, Record<string, string>][] = [
    ['free text', { minDate: 'last tuesday' }],
    ['a day that does not exist', { minDate: '2025-02-30' }],
    ['a time without a zone', { maxDate: '2025-01-01T10:00:00' }],
    ['hour 24', { minDate: '2025-01-01T24:00:00Z' }],
    ['minDate after maxDate', { minDate: '2025-03-01', maxDate: '2025-02-01T00:00:00Z' }],
    ['maxDate before the default window', { maxDate: '2020-01-01' }],
    ['a range of 367 days', { minDate: '2024-01-01', maxDate: '2025-01-02' }],
    ['a minDate over 366 days before now', { minDate: '2000-01-01' }],
    ['a maxDate over 366 days after the default minDate', { maxDate: d.daysAhead(340) }],
  ];

  for (const [name, args] of BAD_DATES) {
    it(`events reject ${name}`, async () => {
      const result = await stack.query(
        `query Events($minDate: String, $maxDate: String) { organisation(id: "${CORP}") {
          events(minDate: $minDate, maxDate: $maxDate) { totalCount } } }`,
        args,
      );
      expect(result.data!.organisation.events).toBeNull();
      expect(errorCodes(result)).toEqual([
        { path: ['organisation', 'events'], code: 'BAD_USER_INPUT' },
      ]);
      // Only the parent organisation was read: the events endpoint was never called.
      expect(stack.calls()).toEqual({ [ORG_PATH]: 1 });
    });
  }

  it('events reject a negative first', async () => {
    const result = await stack.query(
      `{ organisation(id: "${CORP}") { events(first: -1) { totalCount } } }`,
    );
    expect(result.data!.organisation.events).toBeNull();
    expect(errorCodes(result)).toEqual([
      { path: ['organisation', 'events'], code: 'BAD_USER_INPUT' },
    ]);
    expect(stack.calls()).toEqual({ [ORG_PATH]: 1 });
  });

  it('events accept an offset date-time', async () => {
    const day = d.daysAgo(60).slice(0, 10);
    const result = await stack.query(`{ organisation(id: "${CORP}") {
      events(minDate: "${day}T09:30:00.5+02:00") { totalCount } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.events.totalCount).toBe(2);
    const [query] = loggedQueries(`${ORG_PATH}/events`);
    expect(query.get('minDate')).toBe(`${day}T07:30:00.500Z`);
  });

  it('events accept a range of exactly 366 days', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") {
      events(minDate: "2024-01-01", maxDate: "2025-01-01") { totalCount } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.events.totalCount).toBe(0);
    expect(stack.calls()[`${ORG_PATH}/events`]).toBe(1);
  });

  it('events reject a range over 366 days with its reason', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") {
      events(minDate: "2024-01-01", maxDate: "2025-01-02") { totalCount } } }`);
    expect(result.errors?.[0]?.message).toBe(
      'Invalid date range: minDate "2024-01-01" is more than 366 days before ' +
        'maxDate "2025-01-02". Query at most 366 days at a time.',
    );
    expect(result.errors?.[0]?.extensions?.argumentName).toBe('minDate');
  });

  const BAD_EVENT_TYPES: [string, string[], string][] = [
    [
      '51 event types',
      Array.from({ length: 51 }, (_, i) => `TYPE_${i}`),
      'Too many eventTypes: 51 given, at most 50 accepted. Split the types over several queries.',
    ],
    [
      'an event type of 101 characters',
      ['INVITED_TO_ORG', 'X'.repeat(101)],
      'Invalid eventTypes[1]: 101 characters, at most 100 accepted. ' +
        'Pass Atlas event type names such as INVITED_TO_ORG.',
    ],
  ];

  for (const [name, eventTypes, message] of BAD_EVENT_TYPES) {
    it(`events reject ${name}`, async () => {
      const result = await stack.query(
        `query Events($types: [String!]) { organisation(id: "${CORP}") {
          events(eventTypes: $types) { totalCount } } }`,
        { types: eventTypes },
      );
      expect(result.data!.organisation.events).toBeNull();
      expect(errorCodes(result)).toEqual([
        { path: ['organisation', 'events'], code: 'BAD_USER_INPUT' },
      ]);
      expect(result.errors?.[0]?.message).toBe(message);
      expect(result.errors?.[0]?.extensions?.argumentName).toBe('eventTypes');
      // Only the parent organisation was read: the events endpoint was never called.
      expect(stack.calls()).toEqual({ [ORG_PATH]: 1 });
    });
  }

  it('events accept 50 event types of 100 characters', async () => {
    const eventTypes = Array.from({ length: 50 }, (_, i) => `${i}`.padEnd(100, 'X'));
    const result = await stack.query(
      `query Events($types: [String!]) { organisation(id: "${CORP}") {
        events(eventTypes: $types) { totalCount } } }`,
      { types: eventTypes },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.events.totalCount).toBe(0);
    const [query] = loggedQueries(`${ORG_PATH}/events`);
    expect(query.getAll('eventType')).toEqual(eventTypes);
  });

  it('project security settings', async () => {
    const result = await stack.query(`{ project(id: "${PROD}") {
      settings { isCollectDatabaseSpecificsStatisticsEnabled isDataExplorerEnabled
        isDataExplorerGenAIFeaturesEnabled isExtendedStorageSizesEnabled
        isPerformanceAdvisorEnabled isRealtimePerformancePanelEnabled isSchemaAdvisorEnabled }
      auditing { enabled auditFilter auditAuthorizationSuccess configurationType }
      encryptionAtRest {
        awsKms { enabled valid keyIdentifier region requirePrivateNetworking }
        azureKeyVault { enabled valid keyIdentifier region requirePrivateNetworking }
        googleCloudKms { enabled valid keyIdentifier region requirePrivateNetworking }
        enabledForSearchNodes }
      backupCompliancePolicy { state }
      customDatabaseRoles { roleName }
      privateEndpointServices { id cloudProvider regionName status errorMessage
        endpointServiceName }
      networkPeering { id containerId providerName status errorState errorMessage }
      maintenanceWindow { dayOfWeek hourOfDay startASAP autoDeferOnceEnabled numberOfDeferrals
        protectedHours { startHourOfDay endHourOfDay } timeZoneId } } }`);
    expect(result.errors).toBeUndefined();
    const disabledKms = {
      enabled: false,
      valid: null,
      keyIdentifier: null,
      region: null,
      requirePrivateNetworking: null,
    };
    expect(result.data!.project).toEqual({
      settings: {
        isCollectDatabaseSpecificsStatisticsEnabled: true,
        isDataExplorerEnabled: true,
        isDataExplorerGenAIFeaturesEnabled: true,
        isExtendedStorageSizesEnabled: false,
        isPerformanceAdvisorEnabled: true,
        isRealtimePerformancePanelEnabled: true,
        isSchemaAdvisorEnabled: true,
      },
      auditing: {
        enabled: true,
        auditFilter:
          '{"atype":{"$in":["authenticate","createUser","dropUser","grantRolesToUser"]}}',
        auditAuthorizationSuccess: true,
        configurationType: 'FILTER_JSON',
      },
      encryptionAtRest: {
        awsKms: {
          enabled: true,
          valid: true,
          keyIdentifier: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
          region: 'US_EAST_1',
          requirePrivateNetworking: false,
        },
        azureKeyVault: disabledKms,
        googleCloudKms: disabledKms,
        enabledForSearchNodes: false,
      },
      backupCompliancePolicy: null,
      customDatabaseRoles: [],
      privateEndpointServices: [
        {
          id: hexId('65f4', 1),
          cloudProvider: 'AWS',
          regionName: 'us-east-1',
          status: 'AVAILABLE',
          errorMessage: null,
          endpointServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0',
        },
      ],
      networkPeering: [
        {
          id: hexId('65f3', 1),
          containerId: hexId('65f2', 1),
          providerName: 'AWS',
          status: 'AVAILABLE',
          errorState: null,
          errorMessage: null,
        },
      ],
      maintenanceWindow: {
        dayOfWeek: 1,
        hourOfDay: 3,
        startASAP: false,
        autoDeferOnceEnabled: true,
        numberOfDeferrals: 0,
        protectedHours: { startHourOfDay: 8, endHourOfDay: 20 },
        timeZoneId: 'America/New_York',
      },
    });
    const group = `${API}/groups/${PROD}`;
    expect(stack.calls()).toEqual({
      [group]: 1,
      [`${group}/settings`]: 1,
      [`${group}/auditLog`]: 1,
      [`${group}/encryptionAtRest`]: 1,
      [`${group}/backupCompliancePolicy`]: 1,
      [`${group}/customDBRoles/roles`]: 1,
      [`${group}/privateEndpoint/AWS/endpointService`]: 1,
      [`${group}/privateEndpoint/AZURE/endpointService`]: 1,
      [`${group}/privateEndpoint/GCP/endpointService`]: 1,
      // One call per provider; the counter drops the providerName query parameter.
      [`${group}/peers`]: 3,
      [`${group}/maintenanceWindow`]: 1,
    });
  });

  it('custom database roles', async () => {
    const result = await stack.query(`{ project(id: "${ANALYTICS}") { customDatabaseRoles {
      roleName actions { action resources { cluster db collection } }
      inheritedRoles { role db } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project.customDatabaseRoles).toEqual([
      {
        roleName: 'reportingAdmin',
        actions: [
          { action: 'FIND', resources: [{ cluster: false, db: 'analytics', collection: '' }] },
        ],
        inheritedRoles: [{ role: 'dbAdminAnyDatabase', db: 'admin' }],
      },
    ]);
  });

  it('cluster configuration by kind', async () => {
    const result = await stack.query(`{
      prod: project(id: "${PROD}") { clusters { nodes { name kind
        advancedConfiguration { minimumEnabledTlsProtocol tlsCipherConfigMode javascriptEnabled
          noTableScan defaultWriteConcern oplogMinRetentionHours }
        backupSchedule { restoreWindowDays copySettings { cloudProvider }
          policies { policyItems {
            frequencyType frequencyInterval retentionUnit retentionValue } } } } } }
      staging: project(id: "${STAGING}") { clusters { nodes { name kind
        advancedConfiguration { minimumEnabledTlsProtocol }
        backupSchedule { restoreWindowDays } } } }
      sandbox: project(id: "${SANDBOX}") { clusters { nodes { name kind
        advancedConfiguration { minimumEnabledTlsProtocol }
        backupSchedule { restoreWindowDays } } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.prod.clusters.nodes).toEqual([
      {
        name: 'payments-prod',
        kind: 'DEDICATED',
        advancedConfiguration: {
          minimumEnabledTlsProtocol: 'TLS1_2',
          tlsCipherConfigMode: 'DEFAULT',
          javascriptEnabled: true,
          noTableScan: false,
          defaultWriteConcern: 'majority',
          oplogMinRetentionHours: null,
        },
        backupSchedule: {
          restoreWindowDays: 7,
          copySettings: [],
          policies: [
            {
              policyItems: [
                policyItem('hourly', 6, 'days', 7),
                policyItem('daily', 1, 'days', 7),
                policyItem('weekly', 6, 'weeks', 4),
                policyItem('monthly', 40, 'months', 12),
              ],
            },
          ],
        },
      },
    ]);
    expect(result.data!.staging.clusters.nodes).toEqual([
      {
        name: 'payments-staging',
        kind: 'DEDICATED',
        advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_0' },
        backupSchedule: null,
      },
      { name: 'staging-flex', kind: 'FLEX', advancedConfiguration: null, backupSchedule: null },
    ]);
    expect(result.data!.sandbox.clusters.nodes).toEqual([
      { name: 'sandbox-free', kind: 'SHARED', advancedConfiguration: null, backupSchedule: null },
    ]);
    // Only dedicated clusters reach processArgs, and only backed-up ones backup/schedule.
    const clusterCalls = Object.keys(stack.calls())
      .filter((path) => path.includes('/clusters/'))
      .sort();
    expect(clusterCalls).toEqual([
      `${API}/groups/${PROD}/clusters/payments-prod/backup/schedule`,
      `${API}/groups/${PROD}/clusters/payments-prod/processArgs`,
      `${API}/groups/${STAGING}/clusters/payments-staging/processArgs`,
    ]);
  });

  it('shares calls with compliance checks', async () => {
    const result = await stack.query(`{ organisation(id: "${CORP}") {
      settings { multiFactorAuthRequired }
      apiKeys { nodes { lastUsed } }
      compliance { summary { fail } } } }`);
    expect(result.errors).toBeUndefined();
    const calls = stack.calls();
    expect(calls[`${ORG_PATH}/settings`]).toBe(1);
    expect(calls[`${ORG_PATH}/apiKeys`]).toBe(1);
    expect(calls[`${ORG_PATH}/apiKeys/${DEMO_IDS.reportingKey}/accessList`]).toBe(1);
  });
});

/** Builds the demo estate with a credential that lacks the roles some endpoints need. */
function deniedDataset(): Dataset {
  const data = demoDataset({ now: NOW });
  data.credentials[0].deniedPaths = [
    '/auditLog$',
    '/customDBRoles/roles$',
    '/privateEndpoint/GCP/endpointService$',
    '/federationSettings$',
    `/apiKeys/${DEMO_IDS.reportingKey}/accessList$`,
  ];
  return data;
}

describe('security fields without permission', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: deniedDataset() });
  });

  afterAll(() => stack.close());

  it('auditing null with permission error', async () => {
    const result = await stack.query(`{ project(id: "${PROD}") { name auditing { enabled } } }`);
    expect(result.data!.project).toEqual({ name: 'prod-payments', auditing: null });
    expect(errorCodes(result)).toEqual([
      { path: ['project', 'auditing'], code: 'ATLAS_PERMISSION_DENIED' },
    ]);
    expect(result.errors![0].extensions).toMatchObject({
      atlasErrorCode: 'USER_UNAUTHORIZED',
      httpStatus: 401,
    });
  });

  it('failed lists are null, not empty', async () => {
    const result = await stack.query(`{ project(id: "${ANALYTICS}") {
      customDatabaseRoles { roleName } privateEndpointServices { id } networkPeering { id } } }`);
    expect(result.data!.project).toEqual({
      customDatabaseRoles: null,
      privateEndpointServices: null,
      networkPeering: [],
    });
    expect(errorCodes(result)).toEqual([
      { path: ['project', 'customDatabaseRoles'], code: 'ATLAS_PERMISSION_DENIED' },
      { path: ['project', 'privateEndpointServices'], code: 'ATLAS_PERMISSION_DENIED' },
    ]);
  });

  it('federation 401 is an error, not null', async () => {
    const result = await stack.query(
      `{ organisation(id: "${CORP}") { federationSettings { id } } }`,
    );
    expect(result.data!.organisation.federationSettings).toBeNull();
    expect(errorCodes(result)).toEqual([
      { path: ['organisation', 'federationSettings'], code: 'ATLAS_PERMISSION_DENIED' },
    ]);
  });

  it('API key access list error at its key', async () => {
    const result = await stack.query(
      `{ organisation(id: "${CORP}") { apiKeys { nodes { publicKey accessList { count } } } } }`,
    );
    expect(result.data!.organisation.apiKeys.nodes).toEqual([
      { publicKey: 'tfcikey1', accessList: [] },
      { publicKey: 'rptkey01', accessList: null },
    ]);
    expect(errorCodes(result)).toEqual([
      {
        path: ['organisation', 'apiKeys', 'nodes', 1, 'accessList'],
        code: 'ATLAS_PERMISSION_DENIED',
      },
    ]);
  });
});

/** Values that must never appear in a response. */
const SECRETS = [
  'AKIAEXAMPLEACCESSKEY',
  'aws-secret-access-key-value',
  'arn-role-id-value',
  'azure-client-secret-value',
  'gcp-service-account-key-json',
  'sa-secret-plaintext',
  'api-private-key-value',
  'priv-test',
];

/** Credential field names Atlas uses in the replies read here; none may be in the schema. */
const SECRET_FIELD_NAMES =
  /^(privateKey|secret|secretAccessKey|accessKeyID|roleId|serviceAccountKey|clientSecret)$/i;

const GCP_KEY_VERSION = 'projects/p/locations/l/keyRings/r/cryptoKeys/k/cryptoKeyVersions/1';

/** Builds a dataset whose settings Atlas could return with credentials in them. */
function configuredDataset(): Dataset {
  const data = dataset(
    [
      org(O1, 'Configured', {
        settings: {
          multiFactorAuthRequired: true,
          customSessionTimeouts: {
            idleSessionTimeoutInSeconds: 1800,
            absoluteSessionTimeoutInSeconds: 43200,
          },
        },
        federationSettings: {
          id: 'fed0000000000000000000a1',
          federatedDomains: ['configured.example'],
          hasRoleMappings: true,
          identityProviderId: 'idp000000000000000000001',
          identityProviderStatus: 'ACTIVE',
        },
        apiKeys: [
          {
            id: 'ddddddddddddddddddddddd1',
            publicKey: 'projkey1',
            desc: 'project key',
            privateKey: 'api-private-key-value',
            roles: [{ roleName: 'GROUP_READ_ONLY', groupId: P1 }],
            accessList: [
              {
                ipAddress: '192.0.2.1',
                cidrBlock: '192.0.2.1/32',
                lastUsed: '2025-01-02T00:00:00Z',
              },
              { cidrBlock: '192.0.2.0/24', lastUsed: '2025-03-04T05:06:07Z' },
              { cidrBlock: '198.51.100.0/24' },
            ],
          },
        ],
        serviceAccounts: [
          {
            clientId: 'mdb_sa_id_configured',
            name: 'configured',
            secrets: [
              {
                id: 'eeeeeeeeeeeeeeeeeeeeeee1',
                expiresAt: '2099-01-01T00:00:00Z',
                secret: 'sa-secret-plaintext',
              } as ServiceAccountSecret,
            ],
            accessList: [],
            groups: [],
          },
        ],
      }),
    ],
    [
      project(P1, O1, 'configured-project', {
        clusters: [cluster(P1, 'Cluster0')],
        encryptionAtRest: {
          awsKms: {
            enabled: true,
            valid: true,
            customerMasterKeyID: 'aws-key-id',
            region: 'EU_WEST_1',
            accessKeyID: 'AKIAEXAMPLEACCESSKEY',
            secretAccessKey: 'aws-secret-access-key-value',
            roleId: 'arn-role-id-value',
            requirePrivateNetworking: true,
          },
          azureKeyVault: {
            enabled: true,
            valid: false,
            keyIdentifier: 'https://vault.example/keys/k/1',
            secret: 'azure-client-secret-value',
            clientID: 'azure-client-id',
            requirePrivateNetworking: false,
          },
          googleCloudKms: {
            enabled: true,
            valid: true,
            keyVersionResourceID: GCP_KEY_VERSION,
            serviceAccountKey: 'gcp-service-account-key-json',
          },
          enabledForSearchNodes: true,
        },
        backupCompliancePolicy: {
          projectId: P1,
          state: 'ACTIVE',
          authorizedEmail: 'ciso@configured.example',
          authorizedUserFirstName: 'Dana',
          authorizedUserLastName: 'Ortiz',
          copyProtectionEnabled: true,
          encryptionAtRestEnabled: true,
          pitEnabled: true,
          restoreWindowDays: 7,
          scheduledPolicyItems: [policyItem('daily', 1, 'days', 14)],
        },
        peers: [
          { id: 'fffffffffffffffffffffff1', containerId: 'fffffffffffffffffffffff9',
            providerName: 'AWS', statusName: 'FAILED', errorStateName: 'REJECTED',
            errorMessage: 'The peering request was rejected.' },
          { id: 'fffffffffffffffffffffff2', containerId: 'fffffffffffffffffffffff8',
            providerName: 'AZURE', status: 'PENDING_ACCEPTANCE' },
          { id: 'fffffffffffffffffffffff3', containerId: 'fffffffffffffffffffffff7',
            providerName: 'GCP', status: 'AVAILABLE', errorState: 'NONE' },
        ],
        privateEndpointServices: [
          { id: 'fffffffffffffffffffffff4', cloudProvider: 'AZURE', regionName: 'westeurope',
            status: 'FAILED', errorMessage: 'Quota exceeded.' },
        ],
      }),
    ],
  );
  return data;
}

describe('security fields on configured settings', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ dataset: configuredDataset() });
  });

  afterAll(() => stack.close());

  it('session timeouts and federation', async () => {
    const result = await stack.query(`{ organisation(id: "${O1}") {
      settings { idleSessionTimeoutSeconds absoluteSessionTimeoutSeconds }
      federationSettings { id federatedDomains hasRoleMappings identityProviderId
        identityProviderStatus } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation).toEqual({
      settings: { idleSessionTimeoutSeconds: 1800, absoluteSessionTimeoutSeconds: 43200 },
      federationSettings: {
        id: 'fed0000000000000000000a1',
        federatedDomains: ['configured.example'],
        hasRoleMappings: true,
        identityProviderId: 'idp000000000000000000001',
        identityProviderStatus: 'ACTIVE',
      },
    });
  });

  it('API key project role and last use', async () => {
    const result = await stack.query(`{ organisation(id: "${O1}") { apiKeys { nodes {
      lastUsed roles { roleName orgId projectId project { name } } } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.organisation.apiKeys.nodes).toEqual([
      {
        lastUsed: '2025-03-04T05:06:07Z',
        roles: [
          {
            roleName: 'GROUP_READ_ONLY',
            orgId: null,
            projectId: P1,
            project: { name: 'configured-project' },
          },
        ],
      },
    ]);
  });

  it('key identifiers per provider', async () => {
    const result = await stack.query(`{ project(id: "${P1}") { encryptionAtRest {
      awsKms { enabled valid keyIdentifier region requirePrivateNetworking }
      azureKeyVault { enabled valid keyIdentifier region requirePrivateNetworking }
      googleCloudKms { enabled valid keyIdentifier region requirePrivateNetworking }
      enabledForSearchNodes } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project.encryptionAtRest).toEqual({
      awsKms: {
        enabled: true,
        valid: true,
        keyIdentifier: 'aws-key-id',
        region: 'EU_WEST_1',
        requirePrivateNetworking: true,
      },
      azureKeyVault: {
        enabled: true,
        valid: false,
        keyIdentifier: 'https://vault.example/keys/k/1',
        region: null,
        requirePrivateNetworking: false,
      },
      googleCloudKms: {
        enabled: true,
        valid: true,
        keyIdentifier: GCP_KEY_VERSION,
        region: null,
        requirePrivateNetworking: null,
      },
      enabledForSearchNodes: true,
    });
  });

  it('backup compliance policy when set', async () => {
    const result = await stack.query(`{ project(id: "${P1}") { backupCompliancePolicy {
      state authorizedEmail authorizedUserFirstName authorizedUserLastName copyProtectionEnabled
      encryptionAtRestEnabled pitEnabled restoreWindowDays
      scheduledPolicyItems { frequencyType frequencyInterval retentionUnit retentionValue } } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project.backupCompliancePolicy).toEqual({
      state: 'ACTIVE',
      authorizedEmail: 'ciso@configured.example',
      authorizedUserFirstName: 'Dana',
      authorizedUserLastName: 'Ortiz',
      copyProtectionEnabled: true,
      encryptionAtRestEnabled: true,
      pitEnabled: true,
      restoreWindowDays: 7,
      scheduledPolicyItems: [policyItem('daily', 1, 'days', 14)],
    });
  });

  it('peering status names normalised', async () => {
    const result = await stack.query(`{ project(id: "${P1}") {
      networkPeering { id containerId providerName status errorState errorMessage }
      privateEndpointServices { id cloudProvider regionName status errorMessage
        endpointServiceName } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.project.networkPeering).toEqual([
      {
        id: 'fffffffffffffffffffffff1',
        containerId: 'fffffffffffffffffffffff9',
        providerName: 'AWS',
        status: 'FAILED',
        errorState: 'REJECTED',
        errorMessage: 'The peering request was rejected.',
      },
      {
        id: 'fffffffffffffffffffffff2',
        containerId: 'fffffffffffffffffffffff8',
        providerName: 'AZURE',
        status: 'PENDING_ACCEPTANCE',
        errorState: null,
        errorMessage: null,
      },
      {
        id: 'fffffffffffffffffffffff3',
        containerId: 'fffffffffffffffffffffff7',
        providerName: 'GCP',
        status: 'AVAILABLE',
        errorState: 'NONE',
        errorMessage: null,
      },
    ]);
    expect(result.data!.project.privateEndpointServices).toEqual([
      {
        id: 'fffffffffffffffffffffff4',
        cloudProvider: 'AZURE',
        regionName: 'westeurope',
        status: 'FAILED',
        errorMessage: 'Quota exceeded.',
        endpointServiceName: null,
      },
    ]);
  });

  it('no response carries a secret', async () => {
    const result = await stack.query(`{
      organisation(id: "${O1}") {
        settings { securityContact }
        apiKeys { nodes { id publicKey description lastUsed roles { roleName }
          accessList { ipAddress cidrBlock created lastUsed lastUsedAddress count } } }
        serviceAccounts { nodes { clientId
          secrets { id createdAt expiresAt lastUsedAt maskedSecretValue expired } } } }
      project(id: "${P1}") {
        encryptionAtRest {
          awsKms { enabled valid keyIdentifier region requirePrivateNetworking }
          azureKeyVault { enabled valid keyIdentifier region requirePrivateNetworking }
          googleCloudKms { enabled valid keyIdentifier region requirePrivateNetworking } } } }`);
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    // The simulator, like Atlas, sends API keys' private keys redacted as ********-****-…
    expect(text).not.toContain('****');
  });

  it('schema names no secret field', async () => {
    const result = await stack.query('{ __schema { types { name fields { name } } } }');
    expect(result.errors).toBeUndefined();
    const types: { name: string; fields: { name: string }[] | null }[] =
      result.data!.__schema.types;
    const offenders = types
      .flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`))
      .filter((name) => SECRET_FIELD_NAMES.test(name.split('.')[1]));
    expect(offenders).toEqual([]);
  });
});
