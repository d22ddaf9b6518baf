/** Organisation teams and their members. */
import type { AtlasReader } from '../reader.js';
import type { OrgUser, Team } from '../types.js';
import { pathSegment } from './segment.js';

const teams = (orgId: string) => `/orgs/${pathSegment(orgId)}/teams`;

/** Lists an organisation's teams. */
export function listTeams(reader: AtlasReader, orgId: string): Promise<Team[]> {
  return reader.list<Team>(teams(orgId));
}

/** Reads one team. */
export function getTeam(reader: AtlasReader, orgId: string, teamId: string): Promise<Team> {
  return reader.get<Team>(`${teams(orgId)}/${pathSegment(teamId)}`);
}

/** Lists the members of a team. */
export function listTeamMembers(
  reader: AtlasReader,
  orgId: string,
  teamId: string,
): Promise<OrgUser[]> {
  return reader.list<OrgUser>(`${teams(orgId)}/${pathSegment(teamId)}/users`);
}
