/** Organisation service accounts, their access lists and project assignments. */
import type { AtlasReader } from '../reader.js';
import type {
  ServiceAccount,
  ServiceAccountAccessListEntry,
  ServiceAccountGroup,
} from '../types.js';
import { pathSegment } from './segment.js';

const account = (orgId: string, clientId: string) =>
  `/orgs/${pathSegment(orgId)}/serviceAccounts/${pathSegment(clientId)}`;

/** Lists an organisation's service accounts, with their secrets' expiry and last use. */
export function listServiceAccounts(reader: AtlasReader, orgId: string): Promise<ServiceAccount[]> {
  return reader.list<ServiceAccount>(`/orgs/${pathSegment(orgId)}/serviceAccounts`);
}

/** Lists the IP access list of one service account. */
export function listServiceAccountAccessList(
  reader: AtlasReader,
  orgId: string,
  clientId: string,
): Promise<ServiceAccountAccessListEntry[]> {
  return reader.list<ServiceAccountAccessListEntry>(`${account(orgId, clientId)}/accessList`);
}

/** Lists the projects a service account is assigned to, with its roles in each. */
export function listServiceAccountProjects(
  reader: AtlasReader,
  orgId: string,
  clientId: string,
): Promise<ServiceAccountGroup[]> {
  return reader.list<ServiceAccountGroup>(`${account(orgId, clientId)}/groups`);
}
