/**
 * Logging checks over a project's database auditing, and the customer-managed key check over
 * its encryption-at-rest settings. Both features exist only on dedicated clusters, so a
 * project known to have none gets NOT_APPLICABLE.
 */
import type { AuditLog, EncryptionAtRest, KmsProviderSettings } from '../../atlas/types.js';
import type { CheckEnvironment, ProjectSnapshot } from '../snapshot.js';
import type { EvidenceSource, Verdict } from '../types.js';
import { fieldAbsent, judgeLoaded, verdict, type Judgement } from './verdict.js';

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
      if (log.enabled === undefined) return fieldAbsent('enabled', auditLog.source);
      if (!log.enabled) {
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
  const value = log.auditAuthorizationSuccess;
  if (value === undefined) return fieldAbsent('auditAuthorizationSuccess', source);
  const values = { enabled: true, auditAuthorizationSuccess: value };
  if (value) return { status: 'PASS', detail: 'Successful authorisations are audited.', values };
  return { status: 'FAIL', detail: 'auditAuthorizationSuccess is false.', values };
});

const auditFilter = auditCheck((log) => {
  const filter = log.auditFilter?.trim() ?? '';
  const values = {
    enabled: true,
    auditFilter: log.auditFilter ?? null,
    configurationType: log.configurationType ?? null,
  };
  if (filter.length > 0) return { status: 'PASS', detail: 'An audit filter is set.', values };
  return { status: 'FAIL', detail: 'No audit filter is set.', values };
});

const PROVIDERS: (keyof Pick<EncryptionAtRest, 'awsKms' | 'azureKeyVault' | 'googleCloudKms'>)[] = [
  'awsKms',
  'azureKeyVault',
  'googleCloudKms',
];

function keyState(settings: KmsProviderSettings | undefined) {
  return { enabled: settings?.enabled ?? false, valid: settings?.valid ?? null };
}

const customerManagedKey: ProjectCheck = dedicatedOnly(({ encryptionAtRest }) =>
  judgeLoaded([encryptionAtRest], (settings) => {
    const states = Object.fromEntries(PROVIDERS.map((name) => [name, keyState(settings[name])]));
    const enabled = PROVIDERS.filter((name) => states[name].enabled);
    const values = { providers: states };
    if (enabled.length === 0) {
      return { status: 'FAIL', detail: 'No customer-managed key provider is enabled.', values };
    }
    if (enabled.some((name) => states[name].valid === true)) {
      return { status: 'PASS', detail: `A valid key is enabled (${enabled.join(', ')}).`, values };
    }
    if (enabled.some((name) => states[name].valid === null)) {
      return { ...fieldAbsent('valid', encryptionAtRest.source), values };
    }
    return {
      status: 'FAIL',
      detail: `Enabled keys are not valid (${enabled.join(', ')}).`,
      values,
    };
  }),
);

/** Logging and key evaluators keyed by catalogue id. */
export const loggingChecks: Record<string, ProjectCheck> = {
  'logging.database-auditing': auditingEnabled,
  'logging.audit-authorization-success': authorizationSuccess,
  'logging.audit-filter': auditFilter,
  'keys.customer-managed-key': customerManagedKey,
};
