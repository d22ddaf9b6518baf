/**
 * Shapes shared by the compliance checks: loaded Atlas data with its provenance, verdicts and
 * results. Checks depend only on these plain values, never on HTTP or GraphQL.
 */

/** Outcome of one check on one resource. */
export type CheckStatus = 'PASS' | 'FAIL' | 'UNKNOWN' | 'NOT_APPLICABLE';

/** How much a failed check matters. */
export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';

/** Audit frameworks a check maps to. */
export type Framework = 'SOC2' | 'ISO27001';

/** The kind of Atlas resource a check judges. */
export type CheckScope = 'ORGANISATION' | 'PROJECT' | 'CLUSTER';

/** Provenance of a value: the Atlas path template and the API version date sent for it. */
export interface EvidenceSource {
  /** Path template relative to `/api/atlas/v2`, for example `/groups/{groupId}/auditLog`. */
  endpoint: string;
  apiVersion: string;
}

/**
 * The result of reading one Atlas endpoint for a check. A failed read keeps its reason, so a
 * check built on it returns UNKNOWN instead of guessing.
 */
export type Loaded<T> =
  | { ok: true; value: T; source: EvidenceSource }
  | { ok: false; reason: string; errorCode: string; source: EvidenceSource };

/** A check's verdict before the resource and catalogue fields are attached. */
export interface Verdict {
  status: CheckStatus;
  /** One sentence on why: the offenders for FAIL, the failed read for UNKNOWN. */
  detail: string;
  /** The raw values the check judged, serialisable as JSON. */
  values: unknown;
  sources: EvidenceSource[];
}

/** The Atlas resource a result is about. */
export interface ResourceRef {
  type: CheckScope;
  id: string;
  name: string;
  /** Set for projects' and clusters' results so an auditor can find the project. */
  projectId?: string;
}

/** One mapping of a check to a framework control, for example SOC2 CC6.1. */
export interface ControlMapping {
  framework: Framework;
  control: string;
}

/** A catalogue entry: everything about a check except its outcome. */
export interface CheckDefinition {
  /** Stable identifier, for example `identity.mfa-required`. */
  id: string;
  title: string;
  category: 'IDENTITY' | 'CLUSTERS' | 'DATABASE_ACCESS' | 'NETWORK' | 'LOGGING' | 'KEYS';
  scope: CheckScope;
  severity: Severity;
  rationale: string;
  /** The change in Atlas that makes the check pass. */
  remediation: string;
  frameworks: ControlMapping[];
}

/** A verdict on one resource, with its catalogue entry and the time the data was read. */
export interface CheckResult extends Verdict {
  check: CheckDefinition;
  resource: ResourceRef;
  /** ISO-8601 UTC time of the evaluation. */
  observedAt: string;
}
