/**
 * Security fields of `Project`: settings, auditing, encryption at rest, backup compliance,
 * custom roles, private endpoints, peering and the maintenance window. Every value is copied
 * field by field from the Atlas reply, so credentials Atlas returns (KMS role ids, secrets,
 * access keys) never reach a response even if a schema change names them.
 */
import { listCustomDbRoles } from '../../atlas/resources/database-users.js';
import {
  listPeeringConnections,
  listPrivateEndpointServices,
} from '../../atlas/resources/network.js';
import { getMaintenanceWindow, getProjectSettings } from '../../atlas/resources/projects.js';
import {
  getAuditLog,
  getBackupCompliancePolicy,
  getEncryptionAtRest,
} from '../../atlas/resources/security.js';
import type {
  AtlasProject,
  BackupCompliancePolicy,
  KmsProviderSettings,
  NetworkPeeringConnection,
} from '../../atlas/types.js';
import type { GraphQLContext } from '../context.js';
import type { BackupPolicyItem, Resolvers } from '../generated/resolvers-types.js';

/** Cloud providers whose private endpoints and peering connections Atlas lists separately. */
const CLOUD_PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;

/** Fields that name the customer key, per provider: AWS KMS, Azure Key Vault, Cloud KMS. */
const KEY_IDENTIFIER_FIELDS = ['customerMasterKeyID', 'keyIdentifier', 'keyVersionResourceID'];

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function optionalBoolean(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** Copies the non-secret settings of one key management provider. */
export function kmsSettings(settings: KmsProviderSettings | undefined) {
  if (!settings) return null;
  const keyField = KEY_IDENTIFIER_FIELDS.find((field) => typeof settings[field] === 'string');
  return {
    enabled: settings.enabled ?? null,
    valid: settings.valid ?? null,
    keyIdentifier: keyField ? optionalString(settings[keyField]) : null,
    region: optionalString(settings.region),
    requirePrivateNetworking: optionalBoolean(settings.requirePrivateNetworking),
  };
}

/** Copies one snapshot schedule item. */
export function policyItem(item: BackupPolicyItem): BackupPolicyItem {
  return {
    frequencyType: item.frequencyType,
    frequencyInterval: item.frequencyInterval,
    retentionUnit: item.retentionUnit,
    retentionValue: item.retentionValue,
  };
}

/**
 * Converts the backup compliance policy reply, or returns null when no policy is set. Atlas
 * documents no reply for that case. The simulator sends `200 {}`, and every set policy has
 * `authorizedEmail`, so a reply without it means "no policy".
 */
export function backupCompliancePolicy(policy: Partial<BackupCompliancePolicy> | null) {
  if (!policy?.authorizedEmail) return null;
  return {
    state: policy.state ?? null,
    authorizedEmail: policy.authorizedEmail,
    authorizedUserFirstName: policy.authorizedUserFirstName ?? null,
    authorizedUserLastName: policy.authorizedUserLastName ?? null,
    copyProtectionEnabled: policy.copyProtectionEnabled ?? null,
    encryptionAtRestEnabled: policy.encryptionAtRestEnabled ?? null,
    pitEnabled: policy.pitEnabled ?? null,
    restoreWindowDays: policy.restoreWindowDays ?? null,
    scheduledPolicyItems: (policy.scheduledPolicyItems ?? []).map(policyItem),
  };
}

/**
 * Converts a peering connection. AWS replies name the fields `statusName` and
 * `errorStateName`; Azure and Google Cloud replies name them `status` and `errorState`.
 */
export function peeringNode(connection: NetworkPeeringConnection, providerName: string) {
  return {
    id: connection.id,
    containerId: connection.containerId,
    providerName: connection.providerName ?? providerName,
    status: connection.statusName ?? connection.status ?? null,
    errorState: connection.errorStateName ?? connection.errorState ?? null,
    errorMessage: connection.errorMessage ?? null,
  };
}

/** Resolvers of the project security types. */
export const projectSecurityResolvers: Resolvers = {
  Project: {
    settings: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const settings = await getProjectSettings(ctx.atlas, project.id);
      return {
        isCollectDatabaseSpecificsStatisticsEnabled:
          settings.isCollectDatabaseSpecificsStatisticsEnabled ?? null,
        isDataExplorerEnabled: settings.isDataExplorerEnabled ?? null,
        isDataExplorerGenAIFeaturesEnabled: settings.isDataExplorerGenAIFeaturesEnabled ?? null,
        isExtendedStorageSizesEnabled: settings.isExtendedStorageSizesEnabled ?? null,
        isPerformanceAdvisorEnabled: settings.isPerformanceAdvisorEnabled ?? null,
        isRealtimePerformancePanelEnabled: settings.isRealtimePerformancePanelEnabled ?? null,
        isSchemaAdvisorEnabled: settings.isSchemaAdvisorEnabled ?? null,
      };
    },

    auditing: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const audit = await getAuditLog(ctx.atlas, project.id);
      return {
        enabled: audit.enabled ?? null,
        auditFilter: audit.auditFilter ?? null,
        auditAuthorizationSuccess: audit.auditAuthorizationSuccess ?? null,
        configurationType: audit.configurationType ?? null,
      };
    },

    encryptionAtRest: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const encryption = await getEncryptionAtRest(ctx.atlas, project.id);
      return {
        awsKms: kmsSettings(encryption.awsKms),
        azureKeyVault: kmsSettings(encryption.azureKeyVault),
        googleCloudKms: kmsSettings(encryption.googleCloudKms),
        enabledForSearchNodes: encryption.enabledForSearchNodes ?? null,
      };
    },

    backupCompliancePolicy: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) =>
      backupCompliancePolicy(await getBackupCompliancePolicy(ctx.atlas, project.id)),

    customDatabaseRoles: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const roles = await listCustomDbRoles(ctx.atlas, project.id);
      return roles.map((role) => ({
        roleName: role.roleName,
        actions: (role.actions ?? []).map((action) => ({
          action: action.action,
          resources: (action.resources ?? []).map((resource) => ({
            cluster: resource.cluster ?? null,
            db: resource.db ?? null,
            collection: resource.collection ?? null,
          })),
        })),
        inheritedRoles: (role.inheritedRoles ?? []).map(({ role: name, db }) => ({
          role: name,
          db,
        })),
      }));
    },

    privateEndpointServices: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const perProvider = await Promise.all(
        CLOUD_PROVIDERS.map((provider) =>
          listPrivateEndpointServices(ctx.atlas, project.id, provider),
        ),
      );
      return perProvider.flat().map((service) => ({
        id: service.id,
        cloudProvider: service.cloudProvider,
        regionName: service.regionName ?? null,
        status: service.status ?? null,
        errorMessage: service.errorMessage ?? null,
        endpointServiceName: service.endpointServiceName ?? null,
      }));
    },

    networkPeering: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const perProvider = await Promise.all(
        CLOUD_PROVIDERS.map(async (providerName) => {
          const connections = await listPeeringConnections(ctx.atlas, project.id, {
            providerName,
          });
          return connections.map((connection) => peeringNode(connection, providerName));
        }),
      );
      return perProvider.flat();
    },

    maintenanceWindow: async (project: AtlasProject, _: unknown, ctx: GraphQLContext) => {
      const window = await getMaintenanceWindow(ctx.atlas, project.id);
      return {
        dayOfWeek: window.dayOfWeek,
        hourOfDay: window.hourOfDay ?? null,
        startASAP: window.startASAP ?? null,
        autoDeferOnceEnabled: window.autoDeferOnceEnabled ?? null,
        numberOfDeferrals: window.numberOfDeferrals ?? null,
        protectedHours: window.protectedHours
          ? {
              startHourOfDay: window.protectedHours.startHourOfDay ?? null,
              endHourOfDay: window.protectedHours.endHourOfDay ?? null,
            }
          : null,
        timeZoneId: window.timeZoneId ?? null,
      };
    },
  },
};
