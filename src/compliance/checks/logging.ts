/**
 * Logging checks over a project's database auditing, and the customer-managed key check over
 * its encryption-at-rest settings. Both features exist only on dedicated clusters, so a
 * project known to have none gets NOT_APPLICABLE.
 */
import type { AuditLog, EncryptionAtRest } from '../../atlas/types.js';
import type { CheckEnvironment, ProjectSnapshot } from '../snapshot.js';
import type { EvidenceSource, Verdict } from '../types.js';
import {
  hasType,
  judgeLoaded,
  readField,
  verdict,
  type Judgement,
} from './verdict.js';

type ProjectCheck = (snapshot: ProjectSnapshot, env: CheckEnvironment) => Verdict;

/** Wraps a check so projects whose cluster list shows no dedicated cluster are NOT_APPLICABLE. */
function dedicatedOnly(check: ProjectCheck): ProjectCheck {
  return (snapshot, env) => {
    const { clusters } = snapshot;
    if (clusters.ok && !clusters.value.some((cluster) => cluster.kind === 'DEDICATED')) {
      const kinds = clusters.value.map((cluster) => cluster.kind);
      const detail = 'The project has no dedicated cluster, where this setting applies.';
      return verdict('NOT_APPLICABLE', detail, { clusterKinds: kinds }, [clusters.source]);
    }
    return check(snapshot, env);
  };
}

/** Judges one audit setting, failing first when auditing is off. */
function auditCheck(judge: (log: AuditLog, source: EvidenceSource) => Judgement): ProjectCheck {
  return dedicatedOnly(({ auditLog }) =>
    judgeLoaded([auditLog], (log) => {
      const enabled = readField<boolean>(log.enabled, 'enabled', 'boolean', auditLog.source);
      if (!enabled.ok) return enabled.judgement;
      if (!enabled.value) {
        return { status: 'FAIL', detail: 'Database auditing is off.', values: { enabled: false } };
      }
      return judge(log, auditLog.source);
    }),
  );
}

const auditingEnabled = auditCheck((log) => ({
  status: 'PASS',
  detail: 'Database auditing is on.',
  values: { enabled: true, configurationType: log.configurationType ?? null },
}));

const authorizationSuccess = auditCheck((log, source) => {
  const field = 'auditAuthorizationSuccess';
  const read = readField<boolean>(log.auditAuthorizationSuccess, field, 'boolean', source);
  if (!read.ok) return read.judgement;
  const values = { enabled: true, auditAuthorizationSuccess: read.value };
  if (read.value) {
    return { status: 'PASS', detail: 'Successful authorisations are audited.', values };
  }
  return { status: 'FAIL', detail: 'auditAuthorizationSuccess is false.', values };
});

const auditFilter = auditCheck((log, source) => {
  const read = readField<string>(log.auditFilter, 'auditFilter', 'string', source);
  if (!read.ok) return read.judgement;
  const values = {
    enabled: true,
    auditFilter: read.value,
    configurationType: log.configurationType ?? null,
  };
  if (read.value.trim().length > 0) {
    return { status: 'PASS', detail: 'An audit filter is set.', values };
  }
  return { status: 'FAIL', detail: 'The audit filter is empty.', values };
});

const PROVIDERS: (keyof Pick<EncryptionAtRest, 'awsKms' | 'azureKeyVault' | 'googleCloudKms'>)[] = [
  'awsKms',
  'azureKeyVault',
  'googleCloudKms',
];

/** Returns a provider's key flags as Atlas returned them, with null for absent or mistyped ones. */
function keyState(settings: unknown) {
  const flag = (name: 'enabled' | 'valid') => {
    const value: unknown = hasType(settings, 'object')
      ? (settings as Record<string, unknown>)[name]
      : undefined;
    return typeof value === 'boolean' ? value : null;
  };
  return { enabled: flag('enabled'), valid: flag('valid') };
}

/**
 * One enabled and valid key is enough to pass. Otherwise every provider's `enabled` must be
 * known before the check can fail, and an enabled key without a known `valid` is UNKNOWN.
 */
const customerManagedKey: ProjectCheck = dedicatedOnly(({ encryptionAtRest }) =>
  judgeLoaded([encryptionAtRest], (settings) => {
    const source = encryptionAtRest.source;
    const states = Object.fromEntries(PROVIDERS.map((name) => [name, keyState(settings[name])]));
    const values = { providers: states };
    const enabled = PROVIDERS.filter((name) => states[name].enabled === true);
    if (enabled.some((name) => states[name].valid === true)) {
      return { status: 'PASS', detail: `A valid key is enabled (${enabled.join(', ')}).`, values };
    }
    const unknownEnabled = PROVIDERS.filter((name) => states[name].enabled === null);
    if (unknownEnabled.length > 0) {
      const fields = unknownEnabled.map((name) => `${name}.enabled`);
      return unknownKeyFlags(fields, source, values);
    }
    if (enabled.length === 0) {
      return { status: 'FAIL', detail: 'No customer-managed key provider is enabled.', values };
    }
    const unknownValid = enabled.filter((name) => states[name].valid === null);
    if (unknownValid.length > 0) {
      return unknownKeyFlags(unknownValid.map((name) => `${name}.valid`), source, values);
    }
    return {
      status: 'FAIL',
      detail: `Enabled keys are not valid (${enabled.join(', ')}).`,
      values,
    };
  }),
);

/** Builds the UNKNOWN judgement for key flags that are absent, null or not booleans. */
function unknownKeyFlags(fields: string[], source: EvidenceSource, values: object): Judgement {
  return {
    status: 'UNKNOWN',
    detail:
      `Atlas returned no boolean ${fields.join(', ')} from ${source.endpoint} ` +
      `(API version ${source.apiVersion}), so the setting cannot be judged.`,
    values,
  };
}

/** Logging and key evaluators keyed by catalogue id. */
export const loggingChecks: Record<string, ProjectCheck> = {
  'logging.database-auditing': auditingEnabled,
  'logging.audit-authorization-success': authorizationSuccess,
  'logging.audit-filter': auditFilter,
  'keys.customer-managed-key': customerManagedKey,
};
