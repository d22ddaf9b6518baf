/**
 * Renders compliance results and the access review as an evidence file (JSON, CSV or
 * Markdown) that records when it was made, with which credential, and a SHA-256 of its
 * content so later changes to the file can be detected.
 */
import { createHash } from 'node:crypto';
import type { AccessReview, EffectiveProjectRoles } from './access-review.js';
import type { ComplianceCheckView, ComplianceReportView } from './report.js';

/** Output formats of the evidence file. */
export type EvidenceFormat = 'json' | 'csv' | 'markdown';

/** Everything an evidence file contains besides its hash. */
export interface EvidenceDocument {
  /** ISO-8601 UTC time the evidence was collected. */
  generatedAt: string;
  organisation: { id: string; name: string };
  /** Public identifier of the credential (API public key or client id); never the secret. */
  credential: string;
  /** Atlas base URL, or `simulator` for the built-in demo. */
  source: string;
  compliance: ComplianceReportView;
  accessReview: AccessReview;
}

/** Hex SHA-256 of a UTF-8 string. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Prefix of the last line of CSV and Markdown files; the hash covers every line before it. */
export const HASH_TRAILER_PREFIX = 'SHA-256 of the content above: ';

/**
 * Renders `document` in `format`. JSON files are `{ evidence, sha256 }`, where the hash covers
 * `JSON.stringify(evidence, null, 2)`. CSV and Markdown files end with a trailer line holding
 * the hash of every byte before that line.
 */
export function renderEvidence(document: EvidenceDocument, format: EvidenceFormat): string {
  if (format === 'json') {
    const content = JSON.stringify(document, null, 2);
    return `{\n"evidence": ${content},\n"sha256": "${sha256(content)}"\n}\n`;
  }
  const content = format === 'csv' ? renderCsv(document) : renderMarkdown(document);
  return `${content}${HASH_TRAILER_PREFIX}${sha256(content)}\n`;
}

/** Quotes a CSV cell when it contains a delimiter, quote or line break (RFC 4180). */
function csvCell(value: unknown): string {
  let text = '';
  if (typeof value === 'string') text = value;
  else if (value !== null && value !== undefined) text = JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const CSV_HEADER = [
  'record', 'id', 'name', 'status', 'severity', 'resource_type', 'resource_id', 'resource_name',
  'frameworks', 'flags', 'roles', 'detail', 'sources', 'observed_at', 'values',
];

/** Summarises roles as `org: ROLE` and `projectName: ROLE via team x`, joined by `; `. */
function rolesText(orgRoles: string[], projects: EffectiveProjectRoles[]): string {
  const project = projects.flatMap((entry) =>
    entry.grants.map((grant) => {
      let via = '';
      if (grant.via === 'TEAM') via = ` via team ${grant.teamName ?? grant.teamId}`;
      if (grant.via === 'ORGANISATION') via = ` via ${grant.orgRole}`;
      return `${entry.projectName ?? entry.projectId}: ${grant.role}${via}`;
    }),
  );
  return [...orgRoles.map((role) => `org: ${role}`), ...project].join('; ');
}

function controlsText(check: ComplianceCheckView): string {
  return check.frameworks.map((mapping) => `${mapping.framework} ${mapping.control}`).join('; ');
}

function sourcesText(check: ComplianceCheckView): string {
  return check.evidence.sources
    .map((source) => `${source.endpoint} (${source.apiVersion})`)
    .join('; ');
}

/** Builds the CSV row of one check result. */
function checkRow(check: ComplianceCheckView): unknown[] {
  const { resource, evidence } = check;
  return [
    'check', check.id, check.title, check.status, check.severity,
    resource.type, resource.id, resource.name,
    controlsText(check), '', '', check.detail, sourcesText(check), evidence.observedAt,
    evidence.values,
  ];
}

/** Builds a CSV row per access-review principal, keeping its full record as JSON. */
function principalRows(document: EvidenceDocument): unknown[][] {
  const { id: orgId, name: orgName } = document.organisation;
  const review = document.accessReview;
  const at = review.observedAt;
  const users = review.users.map((user) => [
    'user', user.id, user.username, user.membershipStatus, '', 'ORGANISATION', orgId, orgName, '',
    user.flags.join('; '), rolesText(user.orgRoles, user.effectiveProjectRoles),
    `lastAuth ${user.lastAuth ?? 'never'}`, '', at, user,
  ]);
  const machines = review.machinePrincipals.map((principal) => [
    principal.kind.toLowerCase(), principal.id, principal.name, '', '', 'ORGANISATION', orgId,
    orgName, '', principal.flags.join('; '), rolesText(principal.orgRoles, principal.projectRoles),
    `lastUsed ${principal.lastUsed ?? 'unknown'}`, '', at, principal,
  ]);
  const databaseUsers = review.databaseUsers.map((user) => [
    'database_user', `${user.databaseName}:${user.username}`, user.username,
    user.authenticationKind, '', 'PROJECT', user.projectId, user.projectName, '',
    user.flags.join('; '), databaseRolesText(user.roles), '', '', at, user,
  ]);
  const gaps = review.gaps.map((gap) => [
    'access_review_gap', gap.endpoint, '', 'UNKNOWN', '', '', '', '', '', '', '', gap.reason,
  ]);
  return [...users, ...machines, ...databaseUsers, ...gaps];
}

function databaseRolesText(roles: { roleName: string; databaseName: string }[]): string {
  return roles.map((role) => `${role.roleName}@${role.databaseName}`).join('; ');
}

function renderCsv(document: EvidenceDocument): string {
  const org = document.organisation;
  const rows: unknown[][] = [
    ['metadata', 'generatedAt', document.generatedAt],
    ['metadata', 'organisation', org.name, '', '', 'ORGANISATION', org.id, org.name],
    ['metadata', 'credential', document.credential],
    ['metadata', 'source', document.source],
    ...document.compliance.checks.map(checkRow),
    ...principalRows(document),
  ];
  const lines = [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Escapes table-breaking characters in Markdown cells. */
function md(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: unknown[][]): string {
  const lines = [header, header.map(() => '---'), ...rows.map((row) => row.map(md))];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n') + '\n';
}

function metadataTable(document: EvidenceDocument): string {
  const summary = document.compliance.summary;
  const results =
    `${summary.pass} pass, ${summary.fail} fail, ${summary.unknown} unknown, ` +
    `${summary.notApplicable} not applicable`;
  return table(['Field', 'Value'], [
    ['Organisation id', document.organisation.id],
    ['Generated at', document.generatedAt],
    ['Credential (public identifier)', document.credential],
    ['Source', document.source],
    ['Results', results],
  ]);
}

function checksTable(checks: ComplianceCheckView[]): string {
  const header = ['Status', 'Severity', 'Check', 'Resource', 'Controls', 'Detail', 'Evidence'];
  const rows = checks.map((check) => [
    check.status,
    check.severity,
    check.id,
    `${check.resource.type} ${check.resource.name}`,
    check.frameworks.map((mapping) => mapping.control).join(', '),
    check.detail,
    sourcesText(check),
  ]);
  return table(header, rows);
}

function coverageSection(document: EvidenceDocument): string {
  const incomplete = document.compliance.coverage.checks.filter(
    (entry) => entry.state === 'PARTIAL' || entry.state === 'NOT_EVALUATED',
  );
  if (incomplete.length === 0) return 'None.\n';
  const rows = incomplete.map((entry) => [entry.id, entry.state, entry.reasons.join(' ')]);
  return table(['Check', 'State', 'Reasons'], rows);
}

function accessReviewSections(review: AccessReview): string[] {
  const users = review.users.map((user) => [
    user.username,
    user.membershipStatus,
    user.flags.join(', '),
    rolesText(user.orgRoles, user.effectiveProjectRoles),
    user.lastAuth ?? '',
  ]);
  const machines = review.machinePrincipals.map((principal) => [
    principal.kind,
    principal.id,
    principal.name ?? '',
    principal.flags.join(', '),
    rolesText(principal.orgRoles, principal.projectRoles),
    principal.lastUsed ?? '',
  ]);
  const databaseUsers = review.databaseUsers.map((user) => [
    user.projectName,
    `${user.databaseName}:${user.username}`,
    user.authenticationKind,
    user.flags.join(', '),
    databaseRolesText(user.roles),
    user.scopes.length === 0 ? 'all clusters' : user.scopes.map((scope) => scope.name).join(', '),
  ]);
  const sections = [
    '## Access review: organisation users\n',
    table(['User', 'Status', 'Flags', 'Roles', 'Last login'], users),
    '## Access review: API keys and service accounts\n',
    table(['Kind', 'Id', 'Name', 'Flags', 'Roles', 'Last used'], machines),
    '## Access review: database users\n',
    table(['Project', 'User', 'Authentication', 'Flags', 'Roles', 'Scopes'], databaseUsers),
  ];
  if (review.gaps.length > 0) {
    const gaps = review.gaps.map((gap) => [gap.endpoint, gap.reason]);
    sections.push('## Access review: unreadable data\n', table(['Endpoint', 'Reason'], gaps));
  }
  return sections;
}

function renderMarkdown(document: EvidenceDocument): string {
  const parts = [
    `# Compliance evidence: ${md(document.organisation.name)}\n`,
    metadataTable(document),
    '## Check results\n',
    checksTable(document.compliance.checks),
    '## Checks the credential could not fully evaluate\n',
    coverageSection(document),
    ...accessReviewSections(document.accessReview),
  ];
  return parts.join('\n') + '\n';
}
