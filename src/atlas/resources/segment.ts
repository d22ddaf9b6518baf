/** Encoding of user-supplied values that become one segment of an Atlas path. */

/**
 * Percent-encodes `value` as a single path segment. encodeURIComponent leaves `.` alone, so a
 * value of `.` or `..` would read as a dot segment that moves up the path; those dots are
 * encoded too, keeping every value inside its own segment.
 */
export function pathSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return /^\.+$/.test(value) ? encoded.replace(/\./g, '%2E') : encoded;
}
