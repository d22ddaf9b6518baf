/**
 * Thresholds the compliance checks and the access review use, read from the environment once
 * at start-up and passed in as `ctx.settings.compliance`.
 */

/** Compliance thresholds. Every field has a default, so an empty environment is valid. */
export interface ComplianceConfig {
  /** Active members without a login for more than this many days are stale. Default 90. */
  staleLoginDays: number;
  /** Invitations older than this many days are flagged. Default 30. */
  pendingInvitationDays: number;
  /** Maximum number of ORG_OWNER members. Default 3. */
  maxOrgOwners: number;
  /** Maximum secret lifetime the org setting may allow, in hours. Default 2160 (90 days). */
  maxServiceAccountSecretHours: number;
  /** Widest IPv4 access-list prefix allowed; /16 is wider than /24. Default 24. */
  minIpv4PrefixLength: number;
  /** Widest IPv6 access-list prefix allowed. Default 48 (one site allocation). */
  minIpv6PrefixLength: number;
  /** Database users (`username` or `db:username`) allowed to hold any-database admin roles. */
  privilegedDatabaseUserAllowList: string[];
}

/** Defaults used when a variable is not set. */
export const defaultComplianceConfig: ComplianceConfig = {
  staleLoginDays: 90,
  pendingInvitationDays: 30,
  maxOrgOwners: 3,
  maxServiceAccountSecretHours: 2160,
  minIpv4PrefixLength: 24,
  minIpv6PrefixLength: 48,
  privilegedDatabaseUserAllowList: [],
};

/** Environment variable name for each numeric setting. */
const NUMERIC_VARIABLES: Record<string, keyof ComplianceConfig> = {
  COMPLIANCE_STALE_LOGIN_DAYS: 'staleLoginDays',
  COMPLIANCE_PENDING_INVITATION_DAYS: 'pendingInvitationDays',
  COMPLIANCE_MAX_ORG_OWNERS: 'maxOrgOwners',
  COMPLIANCE_MAX_SA_SECRET_HOURS: 'maxServiceAccountSecretHours',
  COMPLIANCE_MIN_IPV4_PREFIX: 'minIpv4PrefixLength',
  COMPLIANCE_MIN_IPV6_PREFIX: 'minIpv6PrefixLength',
};

/** Inclusive bounds per numeric setting; a prefix beyond the address length makes no sense. */
const BOUNDS: Partial<Record<keyof ComplianceConfig, [number, number]>> = {
  minIpv4PrefixLength: [0, 32],
  minIpv6PrefixLength: [0, 128],
  maxServiceAccountSecretHours: [8, 8760],
};

/**
 * Parses compliance settings from `env`, for example `COMPLIANCE_STALE_LOGIN_DAYS=60` and
 * `COMPLIANCE_PRIVILEGED_DB_USERS=admin:ops,backup-bot` (comma-separated).
 * Throws a RangeError naming the variable when a value is not a whole number in range.
 */
export function loadComplianceConfig(
  env: Record<string, string | undefined> = process.env,
): ComplianceConfig {
  const config: ComplianceConfig = { ...defaultComplianceConfig };
  for (const [variable, field] of Object.entries(NUMERIC_VARIABLES)) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const value = Number(raw);
    const [min, max] = BOUNDS[field] ?? [0, Number.MAX_SAFE_INTEGER];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RangeError(
        `Invalid ${variable}=${JSON.stringify(raw)}: ` +
          `expected a whole number from ${min} to ${max}.`,
      );
    }
    (config as unknown as Record<string, number>)[field] = value;
  }
  const allowList = env.COMPLIANCE_PRIVILEGED_DB_USERS;
  if (allowList) {
    config.privilegedDatabaseUserAllowList = allowList
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0);
  }
  return config;
}

/** Reads `ctx.settings.compliance`, filling any field it lacks with the default. */
export function complianceConfigFrom(
  settings: Record<string, unknown> | undefined,
): ComplianceConfig {
  return { ...defaultComplianceConfig, ...(settings as Partial<ComplianceConfig> | undefined) };
}
