/** Organisations, their settings, federation settings, users and invitations. */
import type { AtlasReader } from '../reader.js';
import type {
  AtlasOrganization,
  OrgFederationSettings,
  OrganizationInvitation,
  OrganizationSettings,
  OrgUser,
} from '../types.js';
import { pathSegment } from './segment.js';

const org = (orgId: string) => `/orgs/${pathSegment(orgId)}`;

/** Lists the organisations the credential can see. */
export function listOrganizations(reader: AtlasReader): Promise<AtlasOrganization[]> {
  return reader.list<AtlasOrganization>('/orgs');
}

/** Reads one organisation. */
export function getOrganization(reader: AtlasReader, orgId: string): Promise<AtlasOrganization> {
  return reader.get<AtlasOrganization>(org(orgId));
}

/** Reads an organisation's security settings (MFA, API access list, session timeouts). */
export function getOrganizationSettings(
  reader: AtlasReader,
  orgId: string,
): Promise<OrganizationSettings> {
  return reader.get<OrganizationSettings>(`${org(orgId)}/settings`);
}

/** Reads an organisation's federation settings; Atlas requires Organization Owner. */
export function getFederationSettings(
  reader: AtlasReader,
  orgId: string,
): Promise<OrgFederationSettings> {
  return reader.get<OrgFederationSettings>(`${org(orgId)}/federationSettings`);
}

/** Filters for `listOrganizationUsers`. */
export interface OrganizationUsersFilter {
  /** Membership statuses to include; Atlas defaults to ACTIVE and PENDING. */
  statuses?: string[];
}

/** Lists an organisation's users and invitees. */
export function listOrganizationUsers(
  reader: AtlasReader,
  orgId: string,
  filter: OrganizationUsersFilter = {},
): Promise<OrgUser[]> {
  const query = filter.statuses?.length ? { orgMembershipStatuses: filter.statuses } : undefined;
  return reader.list<OrgUser>(`${org(orgId)}/users`, query);
}

/**
 * Lists an organisation's pending invitations. The endpoint returns a bare array and Atlas
 * requires Organization Owner for it.
 */
export function listOrganizationInvites(
  reader: AtlasReader,
  orgId: string,
): Promise<OrganizationInvitation[]> {
  return reader.get<OrganizationInvitation[]>(`${org(orgId)}/invites`);
}
