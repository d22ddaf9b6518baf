/**
 * Reads one Atlas endpoint for a check and records where the data came from. A failure never
 * escapes: it becomes a `Loaded` failure whose reason names the endpoint and the error code.
 */
import { AtlasApiError, ErrorCode, isAtlasApiError } from '../atlas/errors.js';
import { versionFor } from '../atlas/versions.js';
import type { EvidenceSource, Loaded } from './types.js';

/**
 * The JSON shape an endpoint documents: one object, or a list of objects. Lists come from
 * paged endpoints, which the reader unwraps, and from the few endpoints that return a bare array.
 */
export type ReplyShape = 'object' | 'list';

/** Builds the provenance of a path template such as `/groups/{groupId}/auditLog`. */
export function sourceOf(template: string): EvidenceSource {
  return { endpoint: template, apiVersion: versionFor(template) };
}

/** Explains a failed read in one sentence an auditor can act on. */
export function describeFailure(template: string, error: unknown): {
  reason: string;
  errorCode: string;
} {
  if (isAtlasApiError(error)) {
    const atlasCode = error.errorCode ? ` ${error.errorCode}` : '';
    const status = error.status ? `HTTP ${error.status}${atlasCode}` : 'no response';
    return {
      reason: `Could not read ${template} (${error.code}, ${status}): ${error.hint}`,
      errorCode: error.code,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { reason: `Could not read ${template}: ${message}`, errorCode: 'INTERNAL_SERVER_ERROR' };
}

/** Names a parsed JSON value's type for messages, for example `null` or `a JSON string`. */
function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a JSON array';
  return `a JSON ${typeof value}`;
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns what is wrong with `value` as a reply of `shape`, or undefined when nothing is. */
function shapeProblem(value: unknown, shape: ReplyShape): string | undefined {
  if (shape === 'object') return isJsonObject(value) ? undefined : describeJson(value);
  if (!Array.isArray(value)) return describeJson(value);
  const index = value.findIndex((item) => !isJsonObject(item));
  if (index < 0) return undefined;
  return `an array whose item ${index + 1} is ${describeJson(value[index])}`;
}

/**
 * Builds the UPSTREAM_INVALID_RESPONSE error for a 2xx reply of `template` that is or contains
 * `problem` where the endpoint documents `expected`. Its path is the template, because the
 * expanded path is not known here.
 */
export function invalidReplyError(
  template: string,
  problem: string,
  expected: string,
): AtlasApiError {
  return new AtlasApiError({
    code: ErrorCode.UPSTREAM_INVALID_RESPONSE,
    status: 200,
    detail: `${problem}, expected ${expected}`,
    hint: `Atlas returned ${problem}, expected ${expected}; report it if it persists.`,
    path: `/api/atlas/v2${template}`,
    version: versionFor(template),
  });
}

/** Returns the error for a reply of `template` that is not of `shape`, else undefined. */
export function replyShapeError(
  template: string,
  value: unknown,
  shape: ReplyShape,
): AtlasApiError | undefined {
  const problem = shapeProblem(value, shape);
  if (problem === undefined) return undefined;
  const expected = shape === 'object' ? 'a JSON object' : 'an array of JSON objects';
  return invalidReplyError(template, problem, expected);
}

/**
 * Runs `fetch` and wraps its value or failure with the provenance of `template`. A value that
 * is not of `shape` is a failure too, so no check judges a reply it cannot read.
 */
export async function readLoaded<T>(
  template: string,
  shape: ReplyShape,
  fetch: () => Promise<T>,
): Promise<Loaded<T>> {
  const source = sourceOf(template);
  try {
    const value = await fetch();
    const invalid = replyShapeError(template, value, shape);
    if (invalid) throw invalid;
    return { ok: true, value, source };
  } catch (error) {
    return { ok: false, ...describeFailure(template, error), source };
  }
}

/**
 * Combines reads of one template (for example one per cloud provider) into one list. The first
 * failed read, or the first value that is not a list of objects, fails the whole list.
 */
export function concatLoaded<T>(template: string, reads: Loaded<T[]>[]): Loaded<T[]> {
  const source = sourceOf(template);
  const lists: T[][] = [];
  for (const read of reads) {
    if (!read.ok) return read;
    const invalid = replyShapeError(template, read.value, 'list');
    if (invalid) return { ok: false, ...describeFailure(template, invalid), source };
    lists.push(read.value);
  }
  return { ok: true, value: lists.flat(), source };
}
