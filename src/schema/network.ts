/** Helpers over IP access-list entries. */
import type { AccessListEntry } from '../atlas/types.js';

/** Values that admit every IPv4 or IPv6 address. */
const OPEN_TO_INTERNET = new Set(['0.0.0.0/0', '::/0', '0.0.0.0', '::', '0:0:0:0:0:0:0:0/0']);

/** True when the entry admits the whole internet, whatever form Atlas stored it in. */
export function isOpenToInternet(entry: AccessListEntry): boolean {
  return [entry.cidrBlock, entry.ipAddress].some(
    (value) => value !== undefined && OPEN_TO_INTERNET.has(value.trim().toLowerCase()),
  );
}
