/**
 * The catalogue of compliance checks: one entry per check, with its rationale, remediation,
 * severity and control mappings. Controls are SOC 2 (2017 Trust Services Criteria, revised
 * points of focus 2022) and ISO/IEC 27001:2022 Annex A. The evaluators live in ./checks/ and
 * are keyed by the same ids.
 */
import type { CheckDefinition, ControlMapping } from './types.js';

const soc2 = (...controls: string[]): ControlMapping[] =>
  controls.map((control) => ({ framework: 'SOC2', control }));
const iso = (...controls: string[]): ControlMapping[] =>
  controls.map((control) => ({ framework: 'ISO27001', control }));

/** Every check, in the order reports list them. */
export const CATALOGUE: readonly CheckDefinition[] = [
  // Identity: organisation settings and the principals that can reach the organisation.
  {
    id: 'identity.mfa-required',
    title: 'Multi-factor authentication is required for the organisation',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'HIGH',
    rationale: 'A stolen console password alone must not give access to the organisation.',
    remediation:
      'In Organization Settings, turn on "Require Multi-Factor Authentication (MFA)".',
    frameworks: [...soc2('CC6.1'), ...iso('A.8.5')],
  },
  {
    id: 'identity.api-access-list-required',
    title: 'Every Admin API request must come from an access-listed address',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'HIGH',
    rationale: 'A leaked API key or service-account secret is useless from an unlisted network.',
    remediation:
      'In Organization Settings, turn on "Require IP Access List for the Atlas ' +
      'Administration API".',
    frameworks: [...soc2('CC6.1', 'CC6.6'), ...iso('A.8.5', 'A.8.20')],
  },
  {
    id: 'identity.employee-access-restricted',
    title: 'MongoDB employee access to infrastructure is restricted',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'MEDIUM',
    rationale:
      'Supplier staff should reach cluster infrastructure and logs only when a grant allows it.',
    remediation:
      'In Organization Settings, turn on "Block MongoDB Support Access to Atlas Infrastructure" ' +
      'and grant access per cluster when a support case needs it.',
    frameworks: [...soc2('CC9.2', 'CC6.1'), ...iso('A.5.19', 'A.5.23')],
  },
  {
    id: 'identity.security-contact-set',
    title: 'A security contact is set for the organisation',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'LOW',
    rationale:
      'MongoDB needs an address to report security incidents that affect the organisation.',
    remediation:
      'In Organization Settings, set "Atlas Security Contact Information" to a monitored address.',
    frameworks: [...soc2('CC2.3'), ...iso('A.5.24')],
  },
  {
    id: 'identity.service-account-secret-lifetime',
    title: 'Service-account secret lifetime is capped',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'MEDIUM',
    rationale: 'Short-lived machine secrets limit how long a leaked secret stays usable.',
    remediation:
      'In Organization Settings, set "Maximum Service Account Secret Validity" to the configured ' +
      'limit or less.',
    frameworks: [...soc2('CC6.1'), ...iso('A.5.17')],
  },
  {
    id: 'identity.no-expired-service-account-secrets',
    title: 'No service account keeps an expired secret',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'LOW',
    rationale: 'Expired secrets left in place show that secret rotation is not being cleaned up.',
    remediation: 'Delete expired secrets from each service account, and rotate before expiry.',
    frameworks: [...soc2('CC6.1'), ...iso('A.5.17')],
  },
  {
    id: 'identity.no-stale-members',
    title: 'Every active member logged in recently',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'MEDIUM',
    rationale: 'Accounts nobody uses keep access that no one reviews.',
    remediation: 'Remove members who no longer need access, or confirm them in an access review.',
    frameworks: [...soc2('CC6.2', 'CC6.3'), ...iso('A.5.18')],
  },
  {
    id: 'identity.no-stale-invitations',
    title: 'No invitation has been pending for too long',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'LOW',
    rationale: 'An old invitation grants roles to whoever accepts it, long after the request.',
    remediation: 'Delete pending invitations older than the limit and re-invite if still needed.',
    frameworks: [...soc2('CC6.2'), ...iso('A.5.16', 'A.5.18')],
  },
  {
    id: 'identity.org-owner-limit',
    title: 'Few members hold Organization Owner',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'MEDIUM',
    rationale: 'Organization Owner can change every setting and grant, so it should be rare.',
    remediation: 'Replace ORG_OWNER with narrower roles for members beyond the configured maximum.',
    frameworks: [...soc2('CC6.3'), ...iso('A.8.2', 'A.5.15')],
  },
  {
    id: 'identity.no-org-owner-machine-credentials',
    title: 'No API key or service account holds Organization Owner',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'HIGH',
    rationale: 'A leaked machine credential with ORG_OWNER gives full control of the organisation.',
    remediation:
      'Give API keys and service accounts the narrowest organisation and project roles they need.',
    frameworks: [...soc2('CC6.3'), ...iso('A.8.2')],
  },
  {
    id: 'identity.api-keys-have-access-list',
    title: 'Every API key has an access list',
    category: 'IDENTITY',
    scope: 'ORGANISATION',
    severity: 'HIGH',
    rationale: 'An API key without an access list works from any network.',
    remediation: 'Add the addresses each API key is used from to its API access list.',
    frameworks: [...soc2('CC6.1', 'CC6.6'), ...iso('A.8.5', 'A.8.20')],
  },

  // Clusters: settings of each dedicated, shared-tier or flex cluster.
  {
    id: 'cluster.encryption-at-rest',
    title: 'Cluster storage is encrypted with a customer-managed key',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'HIGH',
    rationale: 'A customer-managed key lets the organisation revoke access to data at rest.',
    remediation:
      'Configure encryption at rest for the project, then set the cluster\'s encryption at rest ' +
      'provider to AWS, AZURE or GCP.',
    frameworks: [...soc2('CC6.1', 'C1.1'), ...iso('A.8.24')],
  },
  {
    id: 'cluster.cloud-backup',
    title: 'Cloud backup is enabled',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'HIGH',
    rationale: 'Without snapshots, lost or corrupted data cannot be restored.',
    remediation: 'Turn on Cloud Backup in the cluster configuration.',
    frameworks: [...soc2('A1.2'), ...iso('A.8.13')],
  },
  {
    id: 'cluster.point-in-time-recovery',
    title: 'Continuous cloud backup (point-in-time recovery) is enabled',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'MEDIUM',
    rationale:
      'Point-in-time recovery limits data loss to minutes instead of the snapshot interval.',
    remediation: 'Turn on Continuous Cloud Backup in the cluster\'s backup settings.',
    frameworks: [...soc2('A1.2'), ...iso('A.8.13')],
  },
  {
    id: 'cluster.termination-protection',
    title: 'Termination protection is enabled',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'MEDIUM',
    rationale: 'Termination protection stops a cluster from being deleted by mistake.',
    remediation: 'Turn on Termination Protection in the cluster\'s additional settings.',
    frameworks: [...soc2('A1.2', 'CC8.1'), ...iso('A.8.13', 'A.8.32')],
  },
  {
    id: 'cluster.tls-minimum',
    title: 'Clients must use TLS 1.2 or newer',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'HIGH',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses and are deprecated by RFC 8996.',
    remediation:
      'Set "Minimum TLS Protocol Version" to TLS 1.2 or TLS 1.3 in the cluster\'s additional ' +
      'settings.',
    frameworks: [...soc2('CC6.7'), ...iso('A.8.24', 'A.8.21')],
  },
  {
    id: 'cluster.client-log-redaction',
    title: 'Client data is redacted from cluster logs',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'LOW',
    rationale:
      'Logs without redaction can contain document values that logs are not meant to hold.',
    remediation: 'Turn on "Redact client log data" in the cluster\'s additional settings.',
    frameworks: [...soc2('C1.1'), ...iso('A.8.11', 'A.8.15')],
  },
  {
    id: 'cluster.supported-version',
    title: 'The MongoDB major version is still supported',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'HIGH',
    rationale: 'Versions past end of life get no security fixes.',
    remediation: 'Upgrade the cluster to a supported MongoDB major version.',
    frameworks: [...soc2('CC7.1'), ...iso('A.8.8')],
  },
  {
    id: 'cluster.auto-scaling',
    title: 'Storage and compute auto-scaling are enabled',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'LOW',
    rationale: 'A cluster that cannot grow fails when storage fills or load rises.',
    remediation: 'Turn on storage and cluster tier auto-scaling in the cluster configuration.',
    frameworks: [...soc2('A1.1'), ...iso('A.8.6')],
  },
  {
    id: 'cluster.electable-nodes',
    title: 'Each replica set has at least three electable nodes',
    category: 'CLUSTERS',
    scope: 'CLUSTER',
    severity: 'MEDIUM',
    rationale: 'Three electable nodes keep a primary when one node fails.',
    remediation: 'Give each shard or replica set at least three electable nodes.',
    frameworks: [...soc2('A1.2'), ...iso('A.8.14')],
  },

  // Database access: database users and custom roles of each project.
  {
    id: 'database.no-broad-admin-grants',
    title: 'No database user outside the allow-list holds an any-database admin role',
    category: 'DATABASE_ACCESS',
    scope: 'PROJECT',
    severity: 'HIGH',
    rationale: 'Roles such as atlasAdmin reach every database, so they should belong to few users.',
    remediation:
      'Replace atlasAdmin and *AnyDatabase roles with roles on named databases, or add the user ' +
      'to COMPLIANCE_PRIVILEGED_DB_USERS after review.',
    frameworks: [...soc2('CC6.3'), ...iso('A.8.2')],
  },
  {
    id: 'database.users-scoped-to-clusters',
    title: 'Database users are limited to named clusters',
    category: 'DATABASE_ACCESS',
    scope: 'PROJECT',
    severity: 'MEDIUM',
    rationale: 'A user without scopes can log in to every cluster in the project.',
    remediation:
      'Restrict each database user to the clusters it needs ("Restrict Access to Specific ' +
      'Clusters").',
    frameworks: [...soc2('CC6.3'), ...iso('A.8.3', 'A.5.15')],
  },
  {
    id: 'database.no-expired-temporary-users',
    title: 'No temporary database user is past its delete-after date',
    category: 'DATABASE_ACCESS',
    scope: 'PROJECT',
    severity: 'MEDIUM',
    rationale: 'A temporary user that outlives its end date keeps access nobody expects.',
    remediation: 'Delete the expired temporary users.',
    frameworks: [...soc2('CC6.2'), ...iso('A.5.18')],
  },
  {
    id: 'database.external-authentication',
    title: 'Database users authenticate through an external identity',
    category: 'DATABASE_ACCESS',
    scope: 'PROJECT',
    severity: 'LOW',
    rationale: 'Passwords (SCRAM) are managed outside the identity provider and rotate rarely.',
    remediation: 'Move SCRAM users to X.509, LDAP, AWS IAM or OIDC authentication.',
    frameworks: [...soc2('CC6.1'), ...iso('A.5.16', 'A.8.5')],
  },
  {
    id: 'database.custom-roles-least-privilege',
    title: 'Custom roles grant no dangerous actions or admin roles',
    category: 'DATABASE_ACCESS',
    scope: 'PROJECT',
    severity: 'MEDIUM',
    rationale: 'A custom role can hide the same reach as atlasAdmin behind an innocent name.',
    remediation:
      'Remove dangerous actions and any-database admin inherited roles from custom roles.',
    frameworks: [...soc2('CC6.3'), ...iso('A.8.2')],
  },

  // Network: project IP access list, private endpoints and peering.
  {
    id: 'network.no-internet-access',
    title: 'No access-list entry admits the whole internet',
    category: 'NETWORK',
    scope: 'PROJECT',
    severity: 'CRITICAL',
    rationale: 'An entry of 0.0.0.0/0 or ::/0 lets anyone reach the clusters\' login prompt.',
    remediation: 'Delete 0.0.0.0/0, ::/0 and 0.0.0.0 entries, temporary ones included.',
    frameworks: [...soc2('CC6.6'), ...iso('A.8.20', 'A.8.22')],
  },
  {
    id: 'network.no-wide-cidr',
    title: 'No access-list entry is wider than the allowed prefix',
    category: 'NETWORK',
    scope: 'PROJECT',
    severity: 'MEDIUM',
    rationale: 'Wide ranges admit networks the organisation does not control.',
    remediation:
      'Replace wide CIDR blocks with the addresses that need access (IPv4 /24, IPv6 /48 by ' +
      'default).',
    frameworks: [...soc2('CC6.6'), ...iso('A.8.20')],
  },
  {
    id: 'network.no-expired-temporary-entries',
    title: 'No temporary access-list entry is past its delete-after date',
    category: 'NETWORK',
    scope: 'PROJECT',
    severity: 'LOW',
    rationale: 'A temporary entry that outlives its end date keeps a network admitted.',
    remediation: 'Delete the expired temporary entries.',
    frameworks: [...soc2('CC6.6'), ...iso('A.8.20')],
  },
  {
    id: 'network.private-endpoints-available',
    title: 'Configured private endpoint services are available',
    category: 'NETWORK',
    scope: 'PROJECT',
    severity: 'MEDIUM',
    rationale: 'A failed private endpoint pushes clients back onto public networks.',
    remediation: 'Fix or recreate private endpoint services that are not AVAILABLE.',
    frameworks: [...soc2('CC6.6'), ...iso('A.8.21')],
  },
  {
    id: 'network.peering-healthy',
    title: 'No network peering connection has failed',
    category: 'NETWORK',
    scope: 'PROJECT',
    severity: 'LOW',
    rationale: 'A failed peering connection pushes clients back onto public networks.',
    remediation: 'Fix or recreate peering connections in a FAILED state.',
    frameworks: [...soc2('CC6.6'), ...iso('A.8.21')],
  },

  // Logging: database auditing of each project.
  {
    id: 'logging.database-auditing',
    title: 'Database auditing is enabled',
    category: 'LOGGING',
    scope: 'PROJECT',
    severity: 'HIGH',
    rationale: 'Without an audit log, database access cannot be investigated after the fact.',
    remediation: 'Turn on Database Auditing in the project\'s Advanced settings.',
    frameworks: [...soc2('CC7.2'), ...iso('A.8.15')],
  },
  {
    id: 'logging.audit-authorization-success',
    title: 'Successful authorisations are audited',
    category: 'LOGGING',
    scope: 'PROJECT',
    severity: 'MEDIUM',
    rationale: 'Auditing only failures hides what an attacker with valid credentials did.',
    remediation: 'Turn on "Database Auditing: audit authorization successes".',
    frameworks: [...soc2('CC7.2'), ...iso('A.8.15', 'A.8.16')],
  },
  {
    id: 'logging.audit-filter',
    title: 'An audit filter is set',
    category: 'LOGGING',
    scope: 'PROJECT',
    severity: 'LOW',
    rationale: 'An explicit filter documents which events the audit log records.',
    remediation: 'Set an audit filter with the filter builder or as JSON.',
    frameworks: [...soc2('CC7.2'), ...iso('A.8.15')],
  },

  // Keys: customer-managed keys of each project.
  {
    id: 'keys.customer-managed-key',
    title: 'A customer-managed encryption key is configured, enabled and valid',
    category: 'KEYS',
    scope: 'PROJECT',
    severity: 'HIGH',
    rationale: 'Clusters can only use customer-key encryption when the project key works.',
    remediation:
      'Configure AWS KMS, Azure Key Vault or Google Cloud KMS under Advanced > Encryption at ' +
      'Rest and fix any key Atlas reports as invalid.',
    frameworks: [...soc2('CC6.1'), ...iso('A.8.24')],
  },
];

/** Looks up a catalogue entry; throws for an unknown id because it is a programming error. */
export function checkDefinition(id: string): CheckDefinition {
  const found = CATALOGUE.find((entry) => entry.id === id);
  if (!found) throw new TypeError(`Unknown compliance check id ${id}.`);
  return found;
}
