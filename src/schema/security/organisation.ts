/**
 * Security fields of `Organisation`: settings, federation, API keys, service accounts and
 * invitations. Each field reads its own endpoint through `ctx.atlas`, so it costs calls only
 * when selected, and the compliance checks in the same operation reuse the same responses.
 */
import { ErrorCode, isAtlasApiError } from '../../atlas/errors.js';
import { listApiKeyAccessList, listApiKeys } from '../../atlas/resources/api-keys.js';
import {
  getFederationSettings,
  getOrganizationSettings,
  listOrganizationInvites,
} from '../../atlas/resources/organizations.js';
import {
  listServiceAccountAccessList,
  listServiceAccountProjects,
  listServiceAccounts,
} from '../../atlas/resources/service-accounts.js';
import type {
  ApiKey,
  AtlasOrganization,
  OrganizationInvitation,
  ServiceAccountSecret,
} from '../../atlas/types.js';
import { paginate, type PageArgs } from '../connection.js';
import type { GraphQLContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers-types.js';
import type { ApiKeyModel, ServiceAccountModel } from './models.js';

/** Copies an API key without `privateKey`, so no resolver below can return it. */
export function apiKeyModel(orgId: string, key: ApiKey): ApiKeyModel {
  const { privateKey: _privateKey, ...rest } = key;
  return { ...rest, orgId };
}

/** Returns the latest of ISO-8601 timestamps, or null when there is none. */
export function latestTimestamp(values: (string | undefined)[]): string | null {
  let latest: string | null = null;
  let latestTime = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === undefined) continue;
    const time = Date.parse(value);
    if (!Number.isNaN(time) && time > latestTime) {
      latest = value;
      latestTime = time;
    }
  }
  return latest;
}

/** Groups `{groupId, groupRole}` pairs into one entry per project, in first-seen order. */
function invitationProjectRoles(invitation: OrganizationInvitation) {
  const byProject = new Map<string, string[]>();
  for (const { groupId, groupRole } of invitation.groupRoleAssignments ?? []) {
    const roles = byProject.get(groupId) ?? [];
    roles.push(groupRole);
    byProject.set(groupId, roles);
  }
  return [...byProject].map(([projectId, roles]) => ({ projectId, roles }));
}

function secretNode(secret: ServiceAccountSecret, now: number) {
  return {
    id: secret.id,
    createdAt: secret.createdAt ?? null,
    expiresAt: secret.expiresAt,
    lastUsedAt: secret.lastUsedAt ?? null,
    maskedSecretValue: secret.maskedSecretValue ?? null,
    expired: Date.parse(secret.expiresAt) < now,
  };
}

/** Resolvers of the organisation security types. */
export const organisationSecurityResolvers: Resolvers = {
  Organisation: {
    settings: async (org: AtlasOrganization, _: unknown, ctx: GraphQLContext) => {
      const settings = await getOrganizationSettings(ctx.atlas, org.id);
      const timeouts = settings.customSessionTimeouts ?? {};
      return {
        multiFactorAuthRequired: settings.multiFactorAuthRequired ?? null,
        apiAccessListRequired: settings.apiAccessListRequired ?? null,
        restrictEmployeeAccess: settings.restrictEmployeeAccess ?? null,
        securityContact: settings.securityContact ?? null,
        maxServiceAccountSecretValidityInHours:
          settings.maxServiceAccountSecretValidityInHours ?? null,
        idleSessionTimeoutSeconds: timeouts.idleSessionTimeoutInSeconds ?? null,
        absoluteSessionTimeoutSeconds: timeouts.absoluteSessionTimeoutInSeconds ?? null,
        genAIFeaturesEnabled: settings.genAIFeaturesEnabled ?? null,
      };
    },

    federationSettings: async (org: AtlasOrganization, _: unknown, ctx: GraphQLContext) => {
      try {
        const federation = await getFederationSettings(ctx.atlas, org.id);
        return {
          id: federation.id,
          federatedDomains: federation.federatedDomains ?? [],
          hasRoleMappings: federation.hasRoleMappings ?? null,
          identityProviderId: federation.identityProviderId ?? null,
          identityProviderStatus: federation.identityProviderStatus ?? null,
        };
      } catch (error) {
        // Atlas returns 404 for an organisation that is not connected to a federation.
        if (isAtlasApiError(error) && error.code === ErrorCode.NOT_FOUND) return null;
        throw error;
      }
    },

    apiKeys: (org: AtlasOrganization, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, async () => {
        const keys = await listApiKeys(ctx.atlas, org.id);
        return keys.map((key) => apiKeyModel(org.id, key));
      }),

    serviceAccounts: (org: AtlasOrganization, args: PageArgs, ctx: GraphQLContext) =>
      paginate(ctx, args, async () => {
        const accounts = await listServiceAccounts(ctx.atlas, org.id);
        return accounts.map((account) => ({ ...account, orgId: org.id }));
      }),

    invitations: async (org: AtlasOrganization, _: unknown, ctx: GraphQLContext) => {
      const invitations = await listOrganizationInvites(ctx.atlas, org.id);
      return invitations.map((invitation) => ({
        id: invitation.id,
        username: invitation.username,
        inviterUsername: invitation.inviterUsername ?? null,
        createdAt: invitation.createdAt ?? null,
        expiresAt: invitation.expiresAt ?? null,
        roles: invitation.roles ?? [],
        teamIds: invitation.teamIds ?? [],
        projectRoles: invitationProjectRoles(invitation),
      }));
    },
  },

  ApiKey: {
    description: (key: ApiKeyModel) => key.desc ?? null,
    roles: (key: ApiKeyModel) =>
      (key.roles ?? []).map((role) => ({
        roleName: role.roleName,
        orgId: role.orgId ?? null,
        projectId: role.groupId ?? null,
      })),
    accessList: async (key: ApiKeyModel, _: unknown, ctx: GraphQLContext) => {
      const entries = await listApiKeyAccessList(ctx.atlas, key.orgId, key.id);
      return entries.map((entry) => ({
        ipAddress: entry.ipAddress ?? null,
        cidrBlock: entry.cidrBlock ?? null,
        created: entry.created ?? null,
        lastUsed: entry.lastUsed ?? null,
        lastUsedAddress: entry.lastUsedAddress ?? null,
        count: entry.count ?? null,
      }));
    },
    lastUsed: async (key: ApiKeyModel, _: unknown, ctx: GraphQLContext) => {
      const entries = await listApiKeyAccessList(ctx.atlas, key.orgId, key.id);
      return latestTimestamp(entries.map((entry) => entry.lastUsed));
    },
  },

  ApiKeyRole: {
    project: (role: { projectId?: string | null }, _: unknown, ctx: GraphQLContext) =>
      role.projectId ? ctx.loaders.project.load(role.projectId) : null,
  },

  ServiceAccount: {
    name: (account: ServiceAccountModel) => account.name ?? null,
    roles: (account: ServiceAccountModel) => account.roles ?? [],
    secrets: (account: ServiceAccountModel, _: unknown, ctx: GraphQLContext) => {
      const now = ctx.now();
      return (account.secrets ?? []).map((secret) => secretNode(secret, now));
    },
    accessList: async (account: ServiceAccountModel, _: unknown, ctx: GraphQLContext) => {
      const { orgId, clientId } = account;
      const entries = await listServiceAccountAccessList(ctx.atlas, orgId, clientId);
      return entries.map((entry) => ({
        ipAddress: entry.ipAddress ?? null,
        cidrBlock: entry.cidrBlock ?? null,
        createdAt: entry.createdAt ?? null,
        lastUsedAt: entry.lastUsedAt ?? null,
        lastUsedAddress: entry.lastUsedAddress ?? null,
        requestCount: entry.requestCount ?? null,
      }));
    },
    projects: async (account: ServiceAccountModel, _: unknown, ctx: GraphQLContext) => {
      const groups = await listServiceAccountProjects(ctx.atlas, account.orgId, account.clientId);
      return groups.map((group) => ({ projectId: group.groupId, roles: group.roles ?? [] }));
    },
  },
};
