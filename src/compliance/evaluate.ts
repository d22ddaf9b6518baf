/**
 * Runs the catalogue's checks over loaded snapshots and shapes the results: the one evaluation
 * path shared by the GraphQL resolvers and the report command.
 */
import { CATALOGUE } from './catalogue.js';
import { clusterChecks } from './checks/clusters.js';
import { databaseChecks } from './checks/database.js';
import { identityChecks } from './checks/identity.js';
import { loggingChecks } from './checks/logging.js';
import { networkChecks } from './checks/network.js';
import type {
  CheckEnvironment,
  ClusterSnapshot,
  OrganisationSnapshot,
  ProjectSnapshot,
} from './snapshot.js';
import type {
  CheckDefinition,
  CheckResult,
  CheckScope,
  CheckStatus,
  Framework,
  ResourceRef,
  Severity,
  Verdict,
} from './types.js';

type Evaluator<S> = (snapshot: S, env: CheckEnvironment) => Verdict;

/** Evaluators per check id, grouped by the snapshot they take. */
export const EVALUATORS = {
  ORGANISATION: identityChecks as Record<string, Evaluator<OrganisationSnapshot>>,
  PROJECT: {
    ...databaseChecks,
    ...networkChecks,
    ...loggingChecks
  } as Record<string, Evaluator<ProjectSnapshot>>,
  CLUSTER: clusterChecks as Record<string, Evaluator<ClusterSnapshot>>,
} satisfies Record<CheckScope, unknown>;

/** Restricts which checks run and which results are returned. All fields are optional. */
export interface ResultFilter {
  status?: CheckStatus | null;
  severity?: Severity | null;
  framework?: Framework | null;
}

/** True when `framework` is unset or the check maps to at least one of its controls. */
export function matchesFramework(check: CheckDefinition, framework?: Framework | null): boolean {
  return !framework || check.frameworks.some((mapping) => mapping.framework === framework);
}

/** Catalogue entries of one scope that match the severity and framework filter. */
export function checksFor(scope: CheckScope, filter: ResultFilter = {}): CheckDefinition[] {
  return CATALOGUE.filter(
    (check) =>
      check.scope === scope &&
      (!filter.severity || check.severity === filter.severity) &&
      matchesFramework(check, filter.framework),
  );
}

/** Runs one evaluator; an exception is a bug in the check, reported as UNKNOWN, not a crash. */
function runOne<S>(evaluate: Evaluator<S>, snapshot: S, env: CheckEnvironment): Verdict {
  try {
    return evaluate(snapshot, env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'UNKNOWN',
      detail: `The check failed to evaluate: ${message}`,
      values: null,
      sources: [],
    };
  }
}

function evaluateScope<S>(
  scope: CheckScope,
  snapshot: S,
  resource: ResourceRef,
  env: CheckEnvironment,
  filter: ResultFilter,
): CheckResult[] {
  const evaluators = EVALUATORS[scope] as Record<string, Evaluator<S>>;
  const observedAt = new Date(env.now).toISOString();
  return checksFor(scope, filter).map((check) => ({
    ...runOne(evaluators[check.id], snapshot, env),
    check,
    resource,
    observedAt,
  }));
}

/** Evaluates the organisation-level checks. */
export function evaluateOrganisation(
  snapshot: OrganisationSnapshot,
  env: CheckEnvironment,
  filter: ResultFilter = {},
): CheckResult[] {
  const resource: ResourceRef = {
    type: 'ORGANISATION',
    id: snapshot.org.id,
    name: snapshot.org.name,
  };
  return evaluateScope('ORGANISATION', snapshot, resource, env, filter);
}

/** Evaluates the project-level checks. */
export function evaluateProject(
  snapshot: ProjectSnapshot,
  env: CheckEnvironment,
  filter: ResultFilter = {},
): CheckResult[] {
  const { project } = snapshot;
  const resource: ResourceRef = {
    type: 'PROJECT',
    id: project.id,
    name: project.name,
    projectId: project.id,
  };
  return evaluateScope('PROJECT', snapshot, resource, env, filter);
}

/** Evaluates the cluster-level checks; `resource` names the cluster even when its read failed. */
export function evaluateCluster(
  snapshot: ClusterSnapshot,
  resource: ResourceRef,
  env: CheckEnvironment,
  filter: ResultFilter = {},
): CheckResult[] {
  return evaluateScope('CLUSTER', snapshot, resource, env, filter);
}

/** Keeps the results whose status matches the filter (severity and framework apply earlier). */
export function filterByStatus(results: CheckResult[], status?: CheckStatus | null): CheckResult[] {
  return status ? results.filter((result) => result.status === status) : results;
}

/** Whether the credential could judge a check: on every resource, some, none, or no resource. */
export type CoverageState = 'EVALUATED' | 'PARTIAL' | 'NOT_EVALUATED' | 'NO_RESOURCES';

/** Coverage of one check across the resources it was run on. */
export interface CheckCoverage {
  check: CheckDefinition;
  state: CoverageState;
  /** Results with a PASS, FAIL or NOT_APPLICABLE verdict. */
  evaluated: number;
  unknown: number;
  /** Distinct reasons of the UNKNOWN results. */
  reasons: string[];
}

/** Counts of results per status. */
export interface StatusCounts {
  pass: number;
  fail: number;
  unknown: number;
  notApplicable: number;
}

/** Summarises, per check, which results the credential could judge and why not. */
export function coverageOf(results: CheckResult[], checks: CheckDefinition[]): CheckCoverage[] {
  return checks.map((check) => {
    const mine = results.filter((result) => result.check.id === check.id);
    const unknown = mine.filter((result) => result.status === 'UNKNOWN');
    const evaluated = mine.length - unknown.length;
    let state: CoverageState = 'EVALUATED';
    if (mine.length === 0) state = 'NO_RESOURCES';
    else if (evaluated === 0) state = 'NOT_EVALUATED';
    else if (unknown.length > 0) state = 'PARTIAL';
    const reasons = [...new Set(unknown.map((result) => result.detail))];
    return { check, state, evaluated, unknown: unknown.length, reasons };
  });
}

/** Counts results per status. */
export function countStatuses(results: CheckResult[]): StatusCounts {
  const count = (status: CheckStatus) => results.filter(
    (result) => result.status === status,
  ).length;
  return {
    pass: count('PASS'),
    fail: count('FAIL'),
    unknown: count('UNKNOWN'),
    notApplicable: count('NOT_APPLICABLE'),
  };
}
