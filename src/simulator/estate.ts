/**
 * Read-side indexes over a dataset, plus the lookups that apply a credential's visibility and
 * throw Atlas's errors for invalid, unknown or hidden organisations and projects.
 */
import type { Dataset, DatasetCredential, DatasetOrganization, DatasetProject } from './dataset.js';
import { AtlasHttpError, notFound, userUnauthorized } from './responses.js';

const HEX24 = /^[a-f0-9]{24}$/;

/** Indexed, read-only view of a dataset. */
export class Estate {
  readonly dataset: Dataset;
  readonly #orgs = new Map<string, DatasetOrganization>();
  readonly #projects = new Map<string, DatasetProject>();
  readonly #credentials = new Map<string, DatasetCredential>();

  constructor(dataset: Dataset) {
    this.dataset = dataset;
    for (const org of dataset.organizations) this.#orgs.set(org.id, org);
    for (const project of dataset.projects) this.#projects.set(project.id, project);
    for (const credential of dataset.credentials) {
      this.#credentials.set(credential.publicKey, credential);
    }
  }

  /** Returns the credential for a public key, if the dataset has one. */
  credential(publicKey: string): DatasetCredential | undefined {
    return this.#credentials.get(publicKey);
  }

  /** True when `credential` may read organisation `orgId` and its projects. */
  canSeeOrg(credential: DatasetCredential, orgId: string): boolean {
    return credential.orgIds === '*' || credential.orgIds.includes(orgId);
  }

  /** Organisations the credential can read, in dataset order. */
  visibleOrgs(credential: DatasetCredential): DatasetOrganization[] {
    return this.dataset.organizations.filter((org) => this.canSeeOrg(credential, org.id));
  }

  /** Projects the credential can read, in dataset order. */
  visibleProjects(credential: DatasetCredential): DatasetProject[] {
    return this.dataset.projects.filter((p) => this.canSeeOrg(credential, p.orgId));
  }

  /** Projects of one organisation, in dataset order. */
  projectsOf(orgId: string): DatasetProject[] {
    return this.dataset.projects.filter((project) => project.orgId === orgId);
  }

  /** Returns the organisation that owns `project`. */
  orgOf(project: DatasetProject): DatasetOrganization {
    return this.#orgs.get(project.orgId) as DatasetOrganization;
  }

  /**
   * Looks up an organisation the credential can read.
   * Throws 400 `INVALID_ORG_ID`, 404 `ORG_NOT_FOUND` or 401 `USER_UNAUTHORIZED`.
   */
  requireOrg(credential: DatasetCredential, orgId: string): DatasetOrganization {
    if (!HEX24.test(orgId)) {
      throw new AtlasHttpError(400, 'INVALID_ORG_ID',
        `An invalid organization ID ${orgId} was specified.`, [orgId]);
    }
    const org = this.#orgs.get(orgId);
    if (!org) throw notFound('ORG_NOT_FOUND', `No organization with ID ${orgId} exists.`, orgId);
    if (!this.canSeeOrg(credential, orgId)) throw userUnauthorized();
    return org;
  }

  /**
   * Looks up a project the credential can read.
   * Throws 400 `INVALID_GROUP_ID`, 404 `GROUP_NOT_FOUND` or 401 `USER_UNAUTHORIZED`.
   */
  requireProject(credential: DatasetCredential, groupId: string): DatasetProject {
    if (!HEX24.test(groupId)) {
      throw new AtlasHttpError(400, 'INVALID_GROUP_ID',
        `An invalid group ID ${groupId} was specified.`, [groupId]);
    }
    const project = this.#projects.get(groupId);
    if (!project) throw notFound('GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, groupId);
    if (!this.canSeeOrg(credential, project.orgId)) throw userUnauthorized();
    return project;
  }
}
