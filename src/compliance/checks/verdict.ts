/**
 * Helpers that build verdicts, so every check reports UNKNOWN the same way when its data could
 * not be read.
 */
import type { CheckStatus, EvidenceSource, Loaded, Verdict } from '../types.js';

/** Builds a verdict. */
export function verdict(
  status: CheckStatus,
  detail: string,
  values: unknown,
  sources: EvidenceSource[],
): Verdict {
  return { status, detail, values, sources };
}

/** Values of a set of successful reads, in the order they were given. */
type Values<T extends readonly Loaded<unknown>[]> = {
  [K in keyof T]: T[K] extends Loaded<infer V> ? V : never;
};

/** A verdict without sources; `extraSources` lists endpoints read beyond the judged ones. */
export type Judgement = Omit<Verdict, 'sources'> & { extraSources?: EvidenceSource[] };

/**
 * Runs `judge` on the values of `reads` when all of them succeeded. Otherwise returns UNKNOWN
 * naming each failed read, because judging part of the data would be a guess.
 */
export function judgeLoaded<const T extends readonly Loaded<unknown>[]>(
  reads: T,
  judge: (...values: Values<T>) => Judgement,
): Verdict {
  const sources = reads.map((read) => read.source);
  const failed = reads.filter((read) => !read.ok);
  if (failed.length > 0) {
    const reasons = failed.map((read) => (read.ok ? '' : read.reason));
    return verdict('UNKNOWN', reasons.join(' '), null, sources);
  }
  const values = reads.map((read) => (read.ok ? read.value : undefined)) as Values<T>;
  const { extraSources, ...judged } = judge(...values);
  return { ...judged, sources: [...sources, ...(extraSources ?? [])] };
}

/** Builds a PASS or FAIL from a list of offenders: FAIL when there is at least one. */
export function passUnlessOffenders(
  offenders: unknown[],
  passDetail: string,
  failDetail: string,
  values: Record<string, unknown>,
): Judgement {
  if (offenders.length === 0) return { status: 'PASS', detail: passDetail, values };
  return { status: 'FAIL', detail: failDetail, values };
}

/** Builds the UNKNOWN verdict for a field the pinned API version did not return. */
export function fieldAbsent(field: string, source: EvidenceSource): Judgement {
  return {
    status: 'UNKNOWN',
    detail:
      `Atlas returned no ${field} from ${source.endpoint} (API version ${source.apiVersion}), ` +
      'so the setting cannot be judged.',
    values: { [field]: null },
  };
}

/** Days between two epoch-millisecond times, rounded down. */
export function daysBetween(earlier: number, later: number): number {
  return Math.floor((later - earlier) / 86_400_000);
}
