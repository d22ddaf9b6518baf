/**
 * Helpers that build verdicts, so every check reports UNKNOWN the same way when its data could
 * not be read or a field it judges is absent, null or of the wrong JSON type.
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

/** JSON types a judged field can be expected to have. */
export type FieldType = 'boolean' | 'string' | 'number' | 'array' | 'object';

/** Names the JSON type of a parsed value; `absent` for undefined. */
export function jsonTypeOf(value: unknown): string {
  if (value === undefined) return 'absent';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** True when `value` has the JSON type `type`; null never does. */
export function hasType(value: unknown, type: FieldType): boolean {
  return jsonTypeOf(value) === type;
}

/** Builds the UNKNOWN verdict for a field that is present but of another JSON type. */
export function fieldMistyped(
  field: string,
  type: FieldType,
  value: unknown,
  source: EvidenceSource,
): Judgement {
  return {
    status: 'UNKNOWN',
    detail:
      `Atlas returned ${field} as ${jsonTypeOf(value)}, not ${type}, from ${source.endpoint} ` +
      `(API version ${source.apiVersion}), so the setting cannot be judged.`,
    values: { [field]: value },
  };
}

/** A judged field's value, or the UNKNOWN judgement when it is absent, null or mistyped. */
export type FieldRead<T> = { ok: true; value: T } | { ok: false; judgement: Judgement };

/**
 * Reads a field a check judges. Absent and null give `fieldAbsent`, another JSON type gives
 * `fieldMistyped`, so a check can never read a missing setting as false.
 */
export function readField<T>(
  value: unknown,
  field: string,
  type: FieldType,
  source: EvidenceSource,
): FieldRead<T> {
  if (value === undefined || value === null) {
    return { ok: false, judgement: fieldAbsent(field, source) };
  }
  if (!hasType(value, type)) {
    return { ok: false, judgement: fieldMistyped(field, type, value, source) };
  }
  return { ok: true, value: value as T };
}

/** An item of a list that a check could not judge, and why. */
export interface UnjudgedItem {
  /** The item as results name it, for example `admin:app` for a database user. */
  item: string;
  /** The field that was absent, null or of the wrong JSON type. */
  field: string;
  /** The JSON type found: `absent`, `null`, `string` and so on; the first field's if several. */
  found: string;
}

/** Returns the unjudged entry for `value` unless it has the JSON type `type`. */
export function unusable(
  item: string,
  field: string,
  value: unknown,
  type: FieldType,
): UnjudgedItem | undefined {
  return hasType(value, type) ? undefined : { item, field, found: jsonTypeOf(value) };
}

/** Names a list item by `name` when Atlas returned it as a string, else by its position. */
export function itemLabel(name: unknown, index: number): string {
  return typeof name === 'string' ? name : `item ${index + 1}`;
}

/** Items of one list that a check read, with the ones it could not judge. */
export interface JudgedList {
  source: EvidenceSource;
  /** Number of items in the list. */
  total: number;
  unjudged: UnjudgedItem[];
}

/** Sentence naming the fields that left items of `list` unjudged, for verdict details. */
function describeUnjudged(list: JudgedList): string {
  const fields = [...new Set(list.unjudged.map((entry) => entry.field))].join(', ');
  const items = new Set(list.unjudged.map((entry) => entry.item)).size;
  const { endpoint, apiVersion } = list.source;
  return (
    `Atlas returned no usable ${fields} for ${items} of ${list.total} items from ${endpoint} ` +
    `(API version ${apiVersion}), so those items cannot be judged.`
  );
}

/**
 * Builds the verdict of a check over lists whose items may lack judged fields. FAIL needs at
 * least one offender judged from fields Atlas returned. Without one, any unjudged item makes
 * the verdict UNKNOWN, because it could be an offender. Otherwise the verdict is PASS.
 */
export function judgeItems(
  offenders: unknown[],
  lists: JudgedList[],
  passDetail: string,
  failDetail: string,
  values: Record<string, unknown>,
): Judgement {
  const partial = lists.filter((list) => list.unjudged.length > 0);
  if (partial.length === 0) return passUnlessOffenders(offenders, passDetail, failDetail, values);
  const unjudged = partial.flatMap((list) => list.unjudged);
  const withUnjudged = { ...values, unjudged };
  const unjudgedDetail = partial.map(describeUnjudged).join(' ');
  if (offenders.length > 0) {
    return { status: 'FAIL', detail: `${failDetail} ${unjudgedDetail}`, values: withUnjudged };
  }
  return { status: 'UNKNOWN', detail: unjudgedDetail, values: withUnjudged };
}

/** Parses an ISO-8601 time to epoch milliseconds; undefined unless it is a parsable string. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/**
 * Judges an optional delete-after date. Absent or null means a permanent item, which never
 * offends, and a value that is not a parsable time is unjudged.
 */
export function isPastDeleteAfter(
  value: unknown,
  item: string,
  now: number,
): boolean | UnjudgedItem {
  if (value === undefined || value === null) return false;
  const time = parseTime(value);
  if (time === undefined) return { item, field: 'deleteAfterDate', found: jsonTypeOf(value) };
  return time <= now;
}

/** Days between two epoch-millisecond times, rounded down. */
export function daysBetween(earlier: number, later: number): number {
  return Math.floor((later - earlier) / 86_400_000);
}
