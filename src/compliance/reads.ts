/**
 * Reads one Atlas endpoint for a check and records where the data came from. A failure never
 * escapes: it becomes a `Loaded` failure whose reason names the endpoint and the error code.
 */
import { isAtlasApiError } from '../atlas/errors.js';
import { versionFor } from '../atlas/versions.js';
import type { EvidenceSource, Loaded } from './types.js';

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

/** Runs `fetch` and wraps its value or failure with the provenance of `template`. */
export async function readLoaded<T>(template: string, fetch: () => Promise<T>): Promise<Loaded<T>> {
  const source = sourceOf(template);
  try {
    return { ok: true, value: await fetch(), source };
  } catch (error) {
    return { ok: false, ...describeFailure(template, error), source };
  }
}

/** Combines reads of one template (for example one per cloud provider) into one list. */
export function concatLoaded<T>(template: string, reads: Loaded<T[]>[]): Loaded<T[]> {
  const failed = reads.find((read) => !read.ok);
  if (failed) return failed;
  return {
    ok: true,
    value: reads.flatMap((read) => (read.ok ? read.value : [])),
    source: sourceOf(template),
  };
}
