/** Dedicated and flex clusters, their advanced configuration and backup schedule. */
import type { AtlasReader } from '../reader.js';
import type { AtlasCluster, AtlasFlexCluster, BackupSchedule, ProcessArgs } from '../types.js';
import { pathSegment } from './segment.js';

const project = (projectId: string) => `/groups/${pathSegment(projectId)}`;
const cluster = (projectId: string, name: string) =>
  `${project(projectId)}/clusters/${pathSegment(name)}`;

/** Lists a project's dedicated clusters. Flex clusters are listed by `listFlexClusters`. */
export function listClusters(reader: AtlasReader, projectId: string): Promise<AtlasCluster[]> {
  return reader.list<AtlasCluster>(`${project(projectId)}/clusters`);
}

/** Reads one dedicated cluster. Atlas returns 400 for the name of a flex cluster. */
export function getCluster(
  reader: AtlasReader,
  projectId: string,
  name: string,
): Promise<AtlasCluster> {
  return reader.get<AtlasCluster>(cluster(projectId, name));
}

/** Lists a project's flex clusters. */
export function listFlexClusters(
  reader: AtlasReader,
  projectId: string,
): Promise<AtlasFlexCluster[]> {
  return reader.list<AtlasFlexCluster>(`${project(projectId)}/flexClusters`);
}

/** Reads one flex cluster. */
export function getFlexCluster(
  reader: AtlasReader,
  projectId: string,
  name: string,
): Promise<AtlasFlexCluster> {
  return reader.get<AtlasFlexCluster>(
    `${project(projectId)}/flexClusters/${pathSegment(name)}`,
  );
}

/** Reads a dedicated cluster's advanced configuration (TLS floor, JavaScript, table scans). */
export function getProcessArgs(
  reader: AtlasReader,
  projectId: string,
  clusterName: string,
): Promise<ProcessArgs> {
  return reader.get<ProcessArgs>(`${cluster(projectId, clusterName)}/processArgs`);
}

/** Reads a cluster's backup schedule and retention policies. */
export function getBackupSchedule(
  reader: AtlasReader,
  projectId: string,
  clusterName: string,
): Promise<BackupSchedule> {
  return reader.get<BackupSchedule>(`${cluster(projectId, clusterName)}/backup/schedule`);
}
