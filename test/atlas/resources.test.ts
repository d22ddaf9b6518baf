import { describe, expect, it } from 'vitest';
import type { AtlasReader } from '../../src/atlas/reader.js';
import { getAccessListEntry, listAccessList } from '../../src/atlas/resources/access-list.js';
import { listApiKeyAccessList, listApiKeys } from '../../src/atlas/resources/api-keys.js';
import * as clusters from '../../src/atlas/resources/clusters.js';
import * as dbUsers from '../../src/atlas/resources/database-users.js';
import { listOrganizationEvents, listProjectEvents } from '../../src/atlas/resources/events.js';
import {
  listPeeringConnections,
  listPrivateEndpointServices,
} from '../../src/atlas/resources/network.js';
import * as orgs from '../../src/atlas/resources/organizations.js';
import * as projects from '../../src/atlas/resources/projects.js';
import * as security from '../../src/atlas/resources/security.js';
import * as serviceAccounts from '../../src/atlas/resources/service-accounts.js';
import * as teams from '../../src/atlas/resources/teams.js';
import { clientFor, fakeAtlas } from './helpers.js';
import type { RecordedRequest } from './fake-atlas.js';

const ORG = 'aaaaaaaaaaaaaaaaaaaaaaa1';
const P1 = 'bbbbbbbbbbbbbbbbbbbbbbb1';
const O = `/orgs/${ORG}`;
const G = `/groups/${P1}`;
const PAGE = 'includeCount=true&itemsPerPage=500&pageNum=1';
const NO_COUNT = 'itemsPerPage=500&pageNum=1';
const SA = 'mdb_sa_id_1';
const V1 = '2023-01-01';
const V2 = '2024-08-05';
const V3 = '2025-02-19';
const FLEX = '2024-11-13';

type Call = (reader: AtlasReader) => Promise<unknown>;

/** Each call and the request-target and Accept version it must send. */
const CASES: [string, Call, string, string][] = [
  ['listOrganizations', (r) => orgs.listOrganizations(r), `/orgs?${PAGE}`, V1],
  ['getOrganization', (r) => orgs.getOrganization(r, ORG), O, V1],
  ['getOrganizationSettings', (r) => orgs.getOrganizationSettings(r, ORG), `${O}/settings`, V1],
  [
    'getFederationSettings',
    (r) => orgs.getFederationSettings(r, ORG),
    `${O}/federationSettings`,
    V1,
  ],
  [
    'listOrganizationUsers',
    (r) => orgs.listOrganizationUsers(r, ORG, { statuses: ['ACTIVE', 'INVITATION_EXPIRED'] }),
    `${O}/users?orgMembershipStatuses=ACTIVE&orgMembershipStatuses=INVITATION_EXPIRED&${PAGE}`,
    V3,
  ],
  ['listOrganizationInvites', (r) => orgs.listOrganizationInvites(r, ORG), `${O}/invites`, V1],
  ['listProjects', (r) => projects.listProjects(r), `/groups?${PAGE}`, V1],
  [
    'listOrganizationProjects',
    (r) => projects.listOrganizationProjects(r, ORG),
    `${O}/groups?${PAGE}`,
    V1,
  ],
  ['getProject', (r) => projects.getProject(r, P1), G, V1],
  ['getProjectSettings', (r) => projects.getProjectSettings(r, P1), `${G}/settings`, V1],
  [
    'getMaintenanceWindow',
    (r) => projects.getMaintenanceWindow(r, P1),
    `${G}/maintenanceWindow`,
    V1,
  ],
  ['listProjectTeams', (r) => projects.listProjectTeams(r, P1), `${G}/teams?${PAGE}`, V1],
  ['listTeams', (r) => teams.listTeams(r, ORG), `${O}/teams?${PAGE}`, V1],
  ['getTeam', (r) => teams.getTeam(r, ORG, 't1'), `${O}/teams/t1`, V1],
  [
    'listTeamMembers',
    (r) => teams.listTeamMembers(r, ORG, 't1'),
    `${O}/teams/t1/users?${NO_COUNT}`,
    V3,
  ],
  ['listClusters', (r) => clusters.listClusters(r, P1), `${G}/clusters?${PAGE}`, V2],
  ['getCluster', (r) => clusters.getCluster(r, P1, 'Cluster0'), `${G}/clusters/Cluster0`, V2],
  ['listFlexClusters', (r) => clusters.listFlexClusters(r, P1), `${G}/flexClusters?${PAGE}`, FLEX],
  ['getFlexCluster', (r) => clusters.getFlexCluster(r, P1, 'A'), `${G}/flexClusters/A`, FLEX],
  ['getProcessArgs', (r) => clusters.getProcessArgs(r, P1, 'c'), `${G}/clusters/c/processArgs`, V2],
  [
    'getBackupSchedule',
    (r) => clusters.getBackupSchedule(r, P1, 'c'),
    `${G}/clusters/c/backup/schedule`,
    V2,
  ],
  ['listDatabaseUsers', (r) => dbUsers.listDatabaseUsers(r, P1), `${G}/databaseUsers?${PAGE}`, V1],
  [
    'getDatabaseUser',
    (r) => dbUsers.getDatabaseUser(r, P1, '$external', 'CN=app/ops,O=x'),
    `${G}/databaseUsers/%24external/CN%3Dapp%2Fops%2CO%3Dx`,
    V1,
  ],
  ['listCustomDbRoles', (r) => dbUsers.listCustomDbRoles(r, P1), `${G}/customDBRoles/roles`, V1],
  ['listAccessList', (r) => listAccessList(r, P1), `${G}/accessList?${PAGE}`, V1],
  [
    'getAccessListEntry',
    (r) => getAccessListEntry(r, P1, '2001:db8::/32'),
    `${G}/accessList/2001%3Adb8%3A%3A%2F32`,
    V1,
  ],
  ['listApiKeys', (r) => listApiKeys(r, ORG), `${O}/apiKeys?${PAGE}`, V1],
  [
    'listApiKeyAccessList',
    (r) => listApiKeyAccessList(r, ORG, 'k1'),
    `${O}/apiKeys/k1/accessList?${PAGE}`,
    V1,
  ],
  [
    'listServiceAccounts',
    (r) => serviceAccounts.listServiceAccounts(r, ORG),
    `${O}/serviceAccounts?${NO_COUNT}`,
    V2,
  ],
  [
    'listServiceAccountAccessList',
    (r) => serviceAccounts.listServiceAccountAccessList(r, ORG, SA),
    `${O}/serviceAccounts/${SA}/accessList?${PAGE}`,
    V2,
  ],
  [
    'listServiceAccountProjects',
    (r) => serviceAccounts.listServiceAccountProjects(r, ORG, SA),
    `${O}/serviceAccounts/${SA}/groups?${NO_COUNT}`,
    V2,
  ],
  ['getAuditLog', (r) => security.getAuditLog(r, P1), `${G}/auditLog`, V1],
  ['getEncryptionAtRest', (r) => security.getEncryptionAtRest(r, P1), `${G}/encryptionAtRest`, V1],
  [
    'getBackupCompliancePolicy',
    (r) => security.getBackupCompliancePolicy(r, P1),
    `${G}/backupCompliancePolicy`,
    '2023-10-01',
  ],
  [
    'listPeeringConnections',
    (r) => listPeeringConnections(r, P1, { providerName: 'GCP' }),
    `${G}/peers?providerName=GCP&${PAGE}`,
    V1,
  ],
  [
    'listPrivateEndpointServices',
    (r) => listPrivateEndpointServices(r, P1, 'AWS'),
    `${G}/privateEndpoint/AWS/endpointService`,
    V1,
  ],
  [
    'listOrganizationEvents',
    (r) =>
      listOrganizationEvents(r, ORG, {
        minDate: '2030-01-01T00:00:00Z',
        eventTypes: ['JOINED_ORG', 'API_KEY_CREATED'],
      }),
    `${O}/events?minDate=2030-01-01T00%3A00%3A00Z` +
      `&eventType=JOINED_ORG&eventType=API_KEY_CREATED&${PAGE}`,
    V1,
  ],
  ['listProjectEvents', (r) => listProjectEvents(r, P1), `${G}/events?${PAGE}`, V1],
];

describe('resource modules', () => {
  it.each(CASES)('%s sends the pinned path and version', async (_name, call, apiPath, version) => {
    const page = { results: [], totalCount: 0 };
    const fake = await fakeAtlas({
      route: (r: RecordedRequest) => ({
        status: 200,
        body: r.url.includes('pageNum=') ? page : [],
      }),
    });
    await call(clientFor(fake));
    const signed = fake.requests.filter((r) => r.digest);
    expect(signed.map((r) => r.apiPath)).toEqual([apiPath]);
    expect(signed[0].accept).toBe(`application/vnd.atlas.${version}+json`);
  });
});
