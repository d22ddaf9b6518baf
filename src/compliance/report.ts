/**
 * Shapes check results into the report the GraphQL `compliance` fields return and the
 * evidence export writes: results with their catalogue fields and evidence, a status summary
 * and coverage.
 */
import { CATALOGUE } from './catalogue.js';
import {
  countStatuses,
  coverageOf,
  filterByStatus,
  matchesFramework,
  type ResultFilter,
  type StatusCounts,
} from './evaluate.js';
import type {
  CheckDefinition,
  CheckResult,
  CheckScope,
  CheckStatus,
  ControlMapping,
  ResourceRef,
} from './types.js';

/** One check result as the GraphQL `ComplianceCheck` type and the export present it. */
export interface ComplianceCheckView {
  id: string;
  title: string;
  category: CheckDefinition['category'];
  severity: CheckDefinition['severity'];
  rationale: string;
  remediation: string;
  frameworks: ControlMapping[];
  status: CheckStatus;
  detail: string;
  resource: ResourceRef;
  evidence: { sources: CheckResult['sources']; observedAt: string; values: unknown };
}

/** Coverage of one check. */
export interface CheckCoverageView {
  id: string;
  title: string;
  state: 'EVALUATED' | 'PARTIAL' | 'NOT_EVALUATED' | 'NO_RESOURCES';
  evaluated: number;
  unknown: number;
  reasons: string[];
}

/** The `ComplianceReport` GraphQL type as a plain value. */
export interface ComplianceReportView {
  observedAt: string;
  checks: ComplianceCheckView[];
  summary: StatusCounts;
  coverage: { evaluated: number; incomplete: number; checks: CheckCoverageView[] };
}

/** Presents one result. */
export function viewOf(result: CheckResult): ComplianceCheckView {
  const { check } = result;
  return {
    id: check.id,
    title: check.title,
    category: check.category,
    severity: check.severity,
    rationale: check.rationale,
    remediation: check.remediation,
    frameworks: check.frameworks,
    status: result.status,
    detail: result.detail,
    resource: result.resource,
    evidence: { sources: distinctSources(result.sources), observedAt: result.observedAt, values: result.values },
  };
}

/** Drops repeated sources: a check that read one endpoint per API key names it once. */
function distinctSources(sources: CheckResult['sources']): CheckResult['sources'] {
  const seen = new Set<string>();
  return sources.filter((source) => {
    const key = JSON.stringify(source);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds a report from every result of `scopes`. The status filter applies to `checks` and
 * `summary` only; coverage always counts every result, so UNKNOWNs stay visible.
 */
export function buildComplianceReport(
  results: CheckResult[],
  scopes: CheckScope[],
  filter: ResultFilter,
  now: number,
): ComplianceReportView {
  const catalogue = CATALOGUE.filter(
    (check) =>
      scopes.includes(check.scope) &&
      (!filter.severity || check.severity === filter.severity) &&
      matchesFramework(check, filter.framework),
  );
  const coverage = coverageOf(results, catalogue).map((entry) => ({
    id: entry.check.id,
    title: entry.check.title,
    state: entry.state,
    evaluated: entry.evaluated,
    unknown: entry.unknown,
    reasons: entry.reasons,
  }));
  const matching = filterByStatus(results, filter.status);
  return {
    observedAt: new Date(now).toISOString(),
    checks: matching.map(viewOf),
    summary: countStatuses(matching),
    coverage: {
      evaluated: coverage.filter((entry) => entry.state === 'EVALUATED').length,
      incomplete: coverage.filter(
        (entry) => entry.state === 'PARTIAL' || entry.state === 'NOT_EVALUATED',
      ).length,
      checks: coverage,
    },
  };
}
