/**
 * End-of-life dates of MongoDB major versions, for the supported-version check.
 *
 * Source: MongoDB's "Software Lifecycle Schedules" page for MongoDB Server
 * (https://www.mongodb.com/legal/support-policy/lifecycles), taken on 2026-12-04 as given to
 * this project (month precision), not re-read from the page itself.
 * NOTE: third-party trackers disagree on some of these: one lists 5.0 as ending in January 2025
 * and 7.0 in August 2026. Entries marked `uncertain` need checking against that page before an
 * audit relies on them; docs/compliance.md repeats the table.
 */

/** One major version's support window. */
export interface LifecycleEntry {
  major: string;
  /** Last supported day (ISO date), or null while MongoDB has published no end date. */
  endOfLife: string | null;
  /** True when the date could not be confirmed against MongoDB's own page. */
  uncertain: boolean;
}

/** Known major versions, oldest first. */
export const MONGODB_LIFECYCLE: readonly LifecycleEntry[] = [
  { major: '3.6', endOfLife: '2021-04-30', uncertain: true },
  { major: '4.0', endOfLife: '2022-04-30', uncertain: true },
  { major: '4.2', endOfLife: '2023-04-30', uncertain: true },
  { major: '4.4', endOfLife: '2024-02-29', uncertain: true },
  { major: '5.0', endOfLife: '2024-10-31', uncertain: false },
  { major: '6.0', endOfLife: '2025-07-31', uncertain: false },
  { major: '7.0', endOfLife: '2027-08-31', uncertain: true },
  { major: '8.0', endOfLife: null, uncertain: true },
];

/** Reduces `7.0.12` or `7.0` to the major version `7.0`; undefined when it does not parse. */
export function majorVersionOf(version: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  return match ? `${match[1]}.${match[2]}` : undefined;
}

/** Looks up the lifecycle entry of a major version. */
export function lifecycleOf(major: string): LifecycleEntry | undefined {
  return MONGODB_LIFECYCLE.find((entry) => entry.major === major);
}
