/** Database users and custom database roles of a project. */
import type { AtlasReader } from '../reader.js';
import type { AtlasDatabaseUser, CustomDbRole } from '../types.js';
import { pathSegment } from './segment.js';

const project = (projectId: string) => `/groups/${pathSegment(projectId)}`;

/** Lists a project's database users. */
export function listDatabaseUsers(
  reader: AtlasReader,
  projectId: string,
): Promise<AtlasDatabaseUser[]> {
  return reader.list<AtlasDatabaseUser>(`${project(projectId)}/databaseUsers`);
}

/** Reads one database user by its authentication database (`admin` or `$external`) and name. */
export function getDatabaseUser(
  reader: AtlasReader,
  projectId: string,
  databaseName: string,
  username: string,
): Promise<AtlasDatabaseUser> {
  const user = `${pathSegment(databaseName)}/${pathSegment(username)}`;
  return reader.get<AtlasDatabaseUser>(`${project(projectId)}/databaseUsers/${user}`);
}

/** Lists a project's custom database roles. The endpoint returns a bare array. */
export function listCustomDbRoles(reader: AtlasReader, projectId: string): Promise<CustomDbRole[]> {
  return reader.get<CustomDbRole[]>(`${project(projectId)}/customDBRoles/roles`);
}
