/** Encoding of user-supplied values that become part of an Atlas request-target. */
import { AtlasApiError, ErrorCode } from '../errors.js';

/** A high surrogate without its low half, or a low surrogate without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Rejects a value no Atlas path or query can carry, before anything is sent. */
function invalidValue(value: string, reason: string): AtlasApiError {
  return new AtlasApiError({
    code: ErrorCode.BAD_USER_INPUT,
    status: 0,
    hint: `The value ${JSON.stringify(value)} ${reason}.`,
    path: '(not sent)',
    sent: false,
  });
}

/**
 * Percent-encodes `value` for a URL. An unpaired UTF-16 surrogate cannot be encoded, which
 * encodeURIComponent reports with a URIError; that becomes BAD_USER_INPUT here.
 */
export function encodeComponent(value: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw invalidValue(value, 'is not well-formed Unicode: send whole characters');
  }
  return encodeURIComponent(value);
}

/**
 * Percent-encodes `value` as a single path segment. encodeURIComponent leaves `.` alone, so a
 * value of `.` or `..` would read as a dot segment that moves up the path. Those dots are
 * encoded too, which keeps every value inside its own segment. An empty value would drop the
 * segment altogether, so it is rejected.
 */
export function pathSegment(value: string): string {
  if (value === '') throw invalidValue(value, 'is empty: give a name or id');
  const encoded = encodeComponent(value);
  return /^\.+$/.test(value) ? encoded.replace(/\./g, '%2E') : encoded;
}
