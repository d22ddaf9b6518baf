/** Project security settings: database auditing, customer-key encryption, backup compliance. */
import type { AtlasReader } from '../reader.js';
import type { AuditLog, BackupCompliancePolicy, EncryptionAtRest } from '../types.js';
import { pathSegment } from './segment.js';

const project = (projectId: string) => `/groups/${pathSegment(projectId)}`;

/** Reads a project's database auditing configuration; Atlas requires Project Owner. */
export function getAuditLog(reader: AtlasReader, projectId: string): Promise<AuditLog> {
  return reader.get<AuditLog>(`${project(projectId)}/auditLog`);
}

/** Reads a project's encryption-at-rest settings for customer-managed keys. */
export function getEncryptionAtRest(
  reader: AtlasReader,
  projectId: string,
): Promise<EncryptionAtRest> {
  return reader.get<EncryptionAtRest>(`${project(projectId)}/encryptionAtRest`);
}

/** Reads a project's backup compliance policy; Atlas requires Project Owner. */
export function getBackupCompliancePolicy(
  reader: AtlasReader,
  projectId: string,
): Promise<BackupCompliancePolicy> {
  return reader.get<BackupCompliancePolicy>(`${project(projectId)}/backupCompliancePolicy`);
}
