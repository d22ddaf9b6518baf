/**
 * Request-scoped loading of the data the checks and the access review judge. Each read goes
 * through `ctx.atlas` (which already shares identical calls) and is memoised per context, so
 * an organisation report reads every endpoint once however many fields select it.
 */
import type { AtlasReader } from '../atlas/reader.js';
import type {
  ApiKey,
  ApiKeyAccessListEntry,
  AtlasDatabaseUser,
  AtlasOrganization,
  AtlasProject,
  NetworkPeeringConnection,
  OrgFederationSettings,
  OrganizationSettings,
  OrgUser,
  PrivateEndpointService,
  ServiceAccount,
  ServiceAccountAccessListEntry,
  ServiceAccountGroup,
  Team,
  TeamRole,
} from '../atlas/types.js';
import { listAccessList } from '../atlas/resources/access-list.js';
import { listApiKeyAccessList, listApiKeys } from '../atlas/resources/api-keys.js';
import { getProcessArgs, listClusters, listFlexClusters } from '../atlas/resources/clusters.js';
import { listCustomDbRoles, listDatabaseUsers } from '../atlas/resources/database-users.js';
import { listPeeringConnections, listPrivateEndpointServices } from '../atlas/resources/network.js';
import {
  getFederationSettings,
  getOrganization,
  getOrganizationSettings,
  listOrganizationUsers,
} from '../atlas/resources/organizations.js';
import { listOrganizationProjects, listProjectTeams } from '../atlas/resources/projects.js';
import { getAuditLog, getEncryptionAtRest } from '../atlas/resources/security.js';
import {
  listServiceAccountAccessList,
  listServiceAccountProjects,
  listServiceAccounts,
} from '../atlas/resources/service-accounts.js';
import { listTeams } from '../atlas/resources/teams.js';
import { dedicatedClusterModel, flexClusterModel, type ClusterModel } from '../loaders/models.js';
import {
  concatLoaded,
  describeFailure,
  invalidReplyError,
  readLoaded,
  sourceOf,
  type ReplyShape,
} from './reads.js';
import type { AccessReviewInput } from './access-review.js';
import type { ClusterSnapshot, OrganisationSnapshot, ProjectSnapshot } from './snapshot.js';
import type { Loaded } from './types.js';

/** Every membership status, so the checks see invitees as well as members. */
export const ALL_MEMBERSHIP_STATUSES = [
  'ACTIVE',
  'PENDING',
  'INVITATION_EXPIRED',
  'INVITATION_REJECTED',
];

/** Cloud providers whose private endpoints and peering connections Atlas lists separately. */
const CLOUD_PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;

type Fetch<T> = (atlas: AtlasReader) => Promise<T>;

/** Loads compliance data for one GraphQL operation or one report run. */
export class ComplianceLoaders {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(private readonly atlas: AtlasReader) {}

  /**
   * Reads through `fetch` once per template and path parameters, recording `template` as the
   * provenance of the value or the failure. A value that is not of `shape` is a failure.
   */
  private read<T>(
    template: string,
    params: string[],
    shape: ReplyShape,
    fetch: Fetch<T>,
  ): Promise<Loaded<T>> {
    const key = [template, ...params].join(' ');
    let pending = this.memo.get(key) as Promise<Loaded<T>> | undefined;
    if (!pending) {
      pending = readLoaded(template, shape, () => fetch(this.atlas));
      this.memo.set(key, pending);
    }
    return pending;
  }

  /** Reads an endpoint that returns one JSON object. */
  private readObject<T>(template: string, params: string[], fetch: Fetch<T>) {
    return this.read(template, params, 'object', fetch);
  }

  /** Reads a paged list, or an endpoint that returns a bare array, of JSON objects. */
  private readList<T>(template: string, params: string[], fetch: Fetch<T[]>) {
    return this.read(template, params, 'list', fetch);
  }

  /** Reads the organisation itself. */
  organisation(orgId: string): Promise<Loaded<AtlasOrganization>> {
    return this.readObject('/orgs/{orgId}', [orgId], (atlas) => getOrganization(atlas, orgId));
  }

  /** Lists the projects of an organisation. */
  projects(orgId: string): Promise<Loaded<AtlasProject[]>> {
    return this.readList('/orgs/{orgId}/groups', [orgId], (atlas) =>
      listOrganizationProjects(atlas, orgId),
    );
  }

  /** Lists members and invitees of every status. */
  users(orgId: string): Promise<Loaded<OrgUser[]>> {
    return this.readList('/orgs/{orgId}/users', [orgId], (atlas) =>
      listOrganizationUsers(atlas, orgId, { statuses: ALL_MEMBERSHIP_STATUSES }),
    );
  }

  teams(orgId: string): Promise<Loaded<Team[]>> {
    return this.readList('/orgs/{orgId}/teams', [orgId], (atlas) => listTeams(atlas, orgId));
  }

  settings(orgId: string): Promise<Loaded<OrganizationSettings>> {
    return this.readObject('/orgs/{orgId}/settings', [orgId], (atlas) =>
      getOrganizationSettings(atlas, orgId),
    );
  }

  federation(orgId: string): Promise<Loaded<OrgFederationSettings>> {
    return this.readObject('/orgs/{orgId}/federationSettings', [orgId], (atlas) =>
      getFederationSettings(atlas, orgId),
    );
  }

  apiKeys(orgId: string): Promise<Loaded<ApiKey[]>> {
    return this.readList('/orgs/{orgId}/apiKeys', [orgId], (atlas) => listApiKeys(atlas, orgId));
  }

  apiKeyAccessList(orgId: string, keyId: string): Promise<Loaded<ApiKeyAccessListEntry[]>> {
    const template = '/orgs/{orgId}/apiKeys/{apiUserId}/accessList';
    return this.readList(template, [orgId, keyId], (atlas) =>
      listApiKeyAccessList(atlas, orgId, keyId),
    );
  }

  serviceAccounts(orgId: string): Promise<Loaded<ServiceAccount[]>> {
    return this.readList('/orgs/{orgId}/serviceAccounts', [orgId], (atlas) =>
      listServiceAccounts(atlas, orgId),
    );
  }

  serviceAccountAccessList(
    orgId: string,
    clientId: string,
  ): Promise<Loaded<ServiceAccountAccessListEntry[]>> {
    const template = '/orgs/{orgId}/serviceAccounts/{clientId}/accessList';
    return this.readList(template, [orgId, clientId], (atlas) =>
      listServiceAccountAccessList(atlas, orgId, clientId),
    );
  }

  serviceAccountProjects(orgId: string, clientId: string): Promise<Loaded<ServiceAccountGroup[]>> {
    const template = '/orgs/{orgId}/serviceAccounts/{clientId}/groups';
    return this.readList(template, [orgId, clientId], (atlas) =>
      listServiceAccountProjects(atlas, orgId, clientId),
    );
  }

  projectTeams(projectId: string): Promise<Loaded<TeamRole[]>> {
    return this.readList('/groups/{groupId}/teams', [projectId], (atlas) =>
      listProjectTeams(atlas, projectId),
    );
  }

  databaseUsers(projectId: string): Promise<Loaded<AtlasDatabaseUser[]>> {
    return this.readList('/groups/{groupId}/databaseUsers', [projectId], (atlas) =>
      listDatabaseUsers(atlas, projectId),
    );
  }

  /** Lists dedicated, shared-tier and flex clusters; fails when either list fails. */
  async clusters(projectId: string): Promise<Loaded<ClusterModel[]>> {
    const [dedicated, flex] = await Promise.all([
      this.readList('/groups/{groupId}/clusters', [projectId], (atlas) =>
        listClusters(atlas, projectId),
      ),
      this.readList('/groups/{groupId}/flexClusters', [projectId], (atlas) =>
        listFlexClusters(atlas, projectId),
      ),
    ]);
    if (!dedicated.ok) return dedicated;
    if (!flex.ok) return flex;
    let models: ClusterModel[];
    try {
      models = [
        ...dedicated.value.map(dedicatedClusterModel),
        ...flex.value.map(flexClusterModel),
      ];
    } catch {
      // dedicatedClusterModel reads replicationSpecs[].regionConfigs to tell shared tiers apart.
      const template = '/groups/{groupId}/clusters';
      const invalid = invalidReplyError(
        template,
        'a cluster whose replication specs lack a regionConfigs array',
        'a regionConfigs array in every replication spec',
      );
      return { ok: false, ...describeFailure(template, invalid), source: dedicated.source };
    }
    return { ok: true, value: models, source: dedicated.source };
  }

  /** Lists private endpoint services of every cloud provider; fails when any read fails. */
  async privateEndpoints(projectId: string): Promise<Loaded<PrivateEndpointService[]>> {
    const template = '/groups/{groupId}/privateEndpoint/{cloudProvider}/endpointService';
    const reads = await Promise.all(
      CLOUD_PROVIDERS.map((provider) =>
        this.readList(template, [projectId, provider], (atlas) =>
          listPrivateEndpointServices(atlas, projectId, provider),
        ),
      ),
    );
    return concatLoaded(template, reads);
  }

  /** Lists peering connections of every cloud provider; fails when any read fails. */
  async peers(projectId: string): Promise<Loaded<NetworkPeeringConnection[]>> {
    const template = '/groups/{groupId}/peers';
    const reads = await Promise.all(
      CLOUD_PROVIDERS.map((providerName) =>
        this.readList(template, [projectId, providerName], (atlas) =>
          listPeeringConnections(atlas, projectId, { providerName }),
        ),
      ),
    );
    return concatLoaded(template, reads);
  }

  /** Builds everything the identity checks need. */
  async organisationSnapshot(org: AtlasOrganization): Promise<OrganisationSnapshot> {
    const orgId = org.id;
    const [settings, federation, users, apiKeys, serviceAccounts] = await Promise.all([
      this.settings(orgId),
      this.federation(orgId),
      this.users(orgId),
      this.apiKeys(orgId),
      this.serviceAccounts(orgId),
    ]);
    const keys = apiKeys.ok ? apiKeys.value : [];
    // A key without an id has no access list to read; the check reports it as unjudged.
    const keyIds = keys.map((key) => key.id).filter((id) => typeof id === 'string');
    const apiKeyAccessLists = await byId(keyIds, (keyId) => this.apiKeyAccessList(orgId, keyId));
    return { org, settings, federation, users, apiKeys, apiKeyAccessLists, serviceAccounts };
  }

  /** Builds everything the project-level checks need. */
  async projectSnapshot(project: AtlasProject): Promise<ProjectSnapshot> {
    const id = project.id;
    const [clusters, databaseUsers, customRoles, accessList] = await Promise.all([
      this.clusters(id),
      this.databaseUsers(id),
      this.readList('/groups/{groupId}/customDBRoles/roles', [id], (atlas) =>
        listCustomDbRoles(atlas, id),
      ),
      this.readList('/groups/{groupId}/accessList', [id], (atlas) => listAccessList(atlas, id)),
    ]);
    const [auditLog, encryptionAtRest, privateEndpoints, peers] = await Promise.all([
      this.readObject('/groups/{groupId}/auditLog', [id], (atlas) => getAuditLog(atlas, id)),
      this.readObject('/groups/{groupId}/encryptionAtRest', [id], (atlas) =>
        getEncryptionAtRest(atlas, id),
      ),
      this.privateEndpoints(id),
      this.peers(id),
    ]);
    return {
      project,
      clusters,
      databaseUsers,
      customRoles,
      accessList,
      auditLog,
      encryptionAtRest,
      privateEndpoints,
      peers,
    };
  }

  /**
   * Builds a cluster's snapshot. The advanced configuration is read only for dedicated
   * clusters whose description lacks the TLS floor (absent or null), the one field the checks
   * take from it.
   */
  async clusterSnapshot(cluster: ClusterModel): Promise<ClusterSnapshot> {
    const listTemplate =
      cluster.kind === 'FLEX' ? '/groups/{groupId}/flexClusters' : '/groups/{groupId}/clusters';
    const snapshot: ClusterSnapshot = {
      cluster: { ok: true, value: cluster, source: sourceOf(listTemplate) },
    };
    const tls = cluster.dedicated?.advancedConfiguration?.minimumEnabledTlsProtocol;
    if (cluster.kind === 'DEDICATED' && tls == null) {
      const template = '/groups/{groupId}/clusters/{clusterName}/processArgs';
      const params = [cluster.projectId, cluster.name];
      snapshot.processArgs = await this.readObject(template, params, (atlas) =>
        getProcessArgs(atlas, cluster.projectId, cluster.name),
      );
    }
    return snapshot;
  }
}

/** Reads one value per id in parallel and keys the results by id. */
async function byId<T>(
  ids: string[],
  read: (id: string) => Promise<T>,
): Promise<Record<string, T>> {
  const values = await Promise.all(ids.map(read));
  return Object.fromEntries(ids.map((id, index) => [id, values[index]]));
}

/** Gathers everything `buildAccessReview` needs for one organisation. */
export async function loadAccessReviewInput(
  loaders: ComplianceLoaders,
  org: AtlasOrganization,
): Promise<AccessReviewInput> {
  const orgId = org.id;
  const [settings, users, teams, projects, apiKeys, serviceAccounts] = await Promise.all([
    loaders.settings(orgId),
    loaders.users(orgId),
    loaders.teams(orgId),
    loaders.projects(orgId),
    loaders.apiKeys(orgId),
    loaders.serviceAccounts(orgId),
  ]);
  const projectIds = projects.ok ? projects.value.map((project) => project.id) : [];
  const keyIds = apiKeys.ok ? apiKeys.value.map((key) => key.id) : [];
  const clientIds = serviceAccounts.ok
    ? serviceAccounts.value.map((account) => account.clientId)
    : [];
  const [projectTeams, databaseUsers, apiKeyAccessLists] = await Promise.all([
    byId(projectIds, (id) => loaders.projectTeams(id)),
    byId(projectIds, (id) => loaders.databaseUsers(id)),
    byId(keyIds, (id) => loaders.apiKeyAccessList(orgId, id)),
  ]);
  const [serviceAccountAccessLists, serviceAccountProjects] = await Promise.all([
    byId(clientIds, (id) => loaders.serviceAccountAccessList(orgId, id)),
    byId(clientIds, (id) => loaders.serviceAccountProjects(orgId, id)),
  ]);
  return {
    org,
    settings,
    users,
    teams,
    projects,
    projectTeams,
    apiKeys,
    apiKeyAccessLists,
    serviceAccounts,
    serviceAccountAccessLists,
    serviceAccountProjects,
    databaseUsers,
  };
}

const perContext = new WeakMap<object, ComplianceLoaders>();

/** Returns the loaders of one GraphQL context, creating them on first use. */
export function complianceLoaders(ctx: { atlas: AtlasReader }): ComplianceLoaders {
  let loaders = perContext.get(ctx);
  if (!loaders) {
    loaders = new ComplianceLoaders(ctx.atlas);
    perContext.set(ctx, loaders);
  }
  return loaders;
}
