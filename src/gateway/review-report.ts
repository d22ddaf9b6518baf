/** Plain-text rendering of the quarterly review, for people reading it in a terminal. */
import type { PrivilegedGroup } from './review-privileged.js';
import type { OrphanedAccessRow } from './review-queries.js';

/** The footprint query's `employee` field, as `EMPLOYEE_FOOTPRINT_QUERY` selects it. */
export interface FootprintEmployee {
  email: string;
  name: string;
  department: string;
  employmentStatus: string;
  manager: { name: string } | null;
  atlasAccess: {
    organisations: { orgName: string | null; membershipStatus: string; orgRoles: string[] }[];
    projects: {
      projectName: string | null;
      grants: { source: string; teamName: string | null; roles: string[] }[];
    }[];
    teams: { teamName: string | null }[];
  };
}

/** Every section of the review. */
export interface ReviewReport {
  orphanedAccess: OrphanedAccessRow[];
  privilegedAccess: PrivilegedGroup[];
  /** The requested email, and its directory record (null when the directory has none). */
  footprint: { email: string; employee: FootprintEmployee | null };
}

const list = (items: string[]) => (items.length > 0 ? items.join(', ') : '(none)');

function renderOrphans(rows: OrphanedAccessRow[]): string[] {
  const lines = ['1. Orphaned access: Atlas users with no ACTIVE employee record'];
  for (const row of rows) {
    lines.push(`  ${row.username} in ${row.organisation} (${row.membershipStatus}): ${row.reason}`);
    lines.push(`    org roles: ${list(row.orgRoles)}`);
    const projects = row.projectRoles.map((grant) => `${grant.project} ${grant.roles.join('+')}`);
    lines.push(`    project roles: ${list(projects)}`);
    lines.push(`    teams: ${list(row.teams)}`);
  }
  if (rows.length === 0) lines.push('  (none)');
  return lines;
}

function renderPrivileged(groups: PrivilegedGroup[]): string[] {
  const lines = ['2. Privileged access by department and manager'];
  for (const group of groups) {
    lines.push(`  ${group.department} / manager: ${group.manager}`);
    for (const holder of group.holders) {
      const who = holder.name ? `${holder.name}, ${holder.employmentStatus}` : 'no person';
      lines.push(`    ${holder.id} (${who})`);
      for (const grant of holder.grants) {
        lines.push(`      ${grant.role} on ${grant.scope} via ${grant.via}`);
      }
    }
  }
  if (groups.length === 0) lines.push('  (none)');
  return lines;
}

function renderFootprint({ email, employee }: ReviewReport['footprint']): string[] {
  const lines = [`3. Atlas footprint of ${email}`];
  if (!employee) return [...lines, '  No directory record for this email.'];
  const manager = employee.manager?.name ?? 'no manager';
  lines.push(`  ${employee.name}, ${employee.department}, ${employee.employmentStatus}, ` +
    `manager: ${manager}`);
  const { organisations, projects, teams } = employee.atlasAccess;
  lines.push(`  organisations: ${list(organisations.map((org) =>
    `${org.orgName} (${org.membershipStatus}) ${org.orgRoles.join('+')}`))}`);
  lines.push(`  projects: ${list(projects.map((project) => {
    const grants = project.grants.map((grant) => {
      const via = grant.source === 'TEAM' ? `via team ${grant.teamName}` : 'direct';
      return `${grant.roles.join('+')} ${via}`;
    });
    return `${project.projectName}: ${grants.join('; ')}`;
  }))}`);
  lines.push(`  teams: ${list(teams.map((team) => team.teamName ?? '(unnamed)'))}`);
  return lines;
}

/** Renders the review as indented plain text. */
export function renderReviewText(report: ReviewReport): string {
  return [
    ...renderOrphans(report.orphanedAccess),
    '',
    ...renderPrivileged(report.privilegedAccess),
    '',
    ...renderFootprint(report.footprint),
  ].join('\n');
}
