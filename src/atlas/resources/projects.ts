/** Projects (Atlas "groups"), their settings and team assignments. */
import type { AtlasReader } from '../reader.js';
import type { AtlasProject, MaintenanceWindow, ProjectSettings, TeamRole } from '../types.js';
import { pathSegment } from './segment.js';

const project = (projectId: string) => `/groups/${pathSegment(projectId)}`;

/** Lists every project the credential can see, across organisations. */
export function listProjects(reader: AtlasReader): Promise<AtlasProject[]> {
  return reader.list<AtlasProject>('/groups');
}

/** Lists the projects of one organisation. */
export function listOrganizationProjects(
  reader: AtlasReader,
  orgId: string,
): Promise<AtlasProject[]> {
  return reader.list<AtlasProject>(`/orgs/${pathSegment(orgId)}/groups`);
}

/** Reads one project. */
export function getProject(reader: AtlasReader, projectId: string): Promise<AtlasProject> {
  return reader.get<AtlasProject>(project(projectId));
}

/** Reads a project's feature settings. */
export function getProjectSettings(
  reader: AtlasReader,
  projectId: string,
): Promise<ProjectSettings> {
  return reader.get<ProjectSettings>(`${project(projectId)}/settings`);
}

/** Reads the weekly window in which Atlas applies maintenance to the project's clusters. */
export function getMaintenanceWindow(
  reader: AtlasReader,
  projectId: string,
): Promise<MaintenanceWindow> {
  return reader.get<MaintenanceWindow>(`${project(projectId)}/maintenanceWindow`);
}

/** Lists the teams assigned to a project, with their project roles. */
export function listProjectTeams(reader: AtlasReader, projectId: string): Promise<TeamRole[]> {
  return reader.list<TeamRole>(`${project(projectId)}/teams`);
}
