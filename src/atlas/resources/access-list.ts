/** A project's IP access list. */
import type { AtlasReader } from '../reader.js';
import type { AccessListEntry } from '../types.js';
import { pathSegment } from './segment.js';

const accessList = (projectId: string) => `/groups/${pathSegment(projectId)}/accessList`;

/** Lists a project's IP access list entries. */
export function listAccessList(reader: AtlasReader, projectId: string): Promise<AccessListEntry[]> {
  return reader.list<AccessListEntry>(accessList(projectId));
}

/**
 * Reads one entry by IP address, CIDR block or AWS security group id. The `/` of a CIDR block
 * is sent as `%2F`, as Atlas requires.
 */
export function getAccessListEntry(
  reader: AtlasReader,
  projectId: string,
  entry: string,
): Promise<AccessListEntry> {
  return reader.get<AccessListEntry>(`${accessList(projectId)}/${pathSegment(entry)}`);
}
