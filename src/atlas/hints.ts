/**
 * Turns a failed Atlas reply into an `AtlasApiError` with a stable code and a hint a person can
 * act on. Roles per endpoint come from the `x-rolesRequirements` of the Atlas Admin API v2
 * OpenAPI spec (2025-03-12 line).
 */
import { AtlasApiError, ErrorCode } from './errors.js';
import { matchRoute } from './versions.js';

/** Hint for a credential Atlas did not accept at all. */
export const UNAUTHENTICATED_HINT =
  'Check MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY, and that the key ' +
  'belongs to this organisation.';

const ORG_MEMBER = 'Organization Member';
const ORG_READ_ONLY = 'Organization Read Only';
const ORG_OWNER = 'Organization Owner';
const PROJECT_READ_ONLY = 'Project Read Only';
const PROJECT_OWNER = 'Project Owner';

/**
 * Roles that are not the default for their prefix. Templates not listed fall back by prefix:
 * `/orgs/{orgId}/…` needs Organization Member, `/groups/{groupId}/…` Project Read Only.
 */
const ROLE_EXCEPTIONS: Readonly<Record<string, string>> = {
  '/orgs/{orgId}/federationSettings': ORG_OWNER,
  '/orgs/{orgId}/invites': ORG_OWNER,
  '/orgs/{orgId}/invites/{invitationId}': ORG_OWNER,
  '/orgs/{orgId}/serviceAccounts': ORG_READ_ONLY,
  '/orgs/{orgId}/serviceAccounts/{clientId}': ORG_READ_ONLY,
  '/orgs/{orgId}/serviceAccounts/{clientId}/accessList': ORG_READ_ONLY,
  '/orgs/{orgId}/serviceAccounts/{clientId}/groups': ORG_READ_ONLY,
  '/groups/{groupId}/auditLog': PROJECT_OWNER,
  '/groups/{groupId}/backupCompliancePolicy': PROJECT_OWNER,
  '/groups/{groupId}/userSecurity': PROJECT_OWNER,
  '/groups/{groupId}/invites': PROJECT_OWNER,
  '/groups/{groupId}/invites/{invitationId}': PROJECT_OWNER,
};

/** Returns the least role an endpoint needs, or undefined when the spec states none. */
export function requiredRoleFor(path: string): string | undefined {
  const template = matchRoute(path)?.template;
  if (!template) return undefined;
  const exception = ROLE_EXCEPTIONS[template];
  if (exception) return exception;
  if (template.startsWith('/orgs/{orgId}')) return ORG_MEMBER;
  if (template.startsWith('/groups/{groupId}')) return PROJECT_READ_ONLY;
  return undefined;
}

/** Returns the route template for `path`, which names the endpoint without any ids. */
export function endpointFor(path: string): string {
  return matchRoute(path)?.template ?? path.split('?')[0];
}

/** Hint for a credential that lacks the role an endpoint needs. */
export function permissionHint(path: string): string {
  const role = requiredRoleFor(path);
  const scope = role?.startsWith('Project') ? 'on this project' : 'in this organisation';
  return role
    ? `Grant the API key the ${role} role (or higher) ${scope}; ${endpointFor(path)} needs it.`
    : 'Grant the API key a role in the organisation or project that owns this resource.';
}

/** A reply that failed, as the client hands it over for mapping. */
export interface FailedReply {
  status: number;
  /** Response body text; parsed here when it is an Atlas error body. */
  body: string;
  /** Path relative to `/api/atlas/v2`, with the query, used to find the endpoint. */
  apiPath: string;
  /** Request-target without the host, stored on the error. */
  target: string;
  version: string;
  requestId?: string;
}

/** Reads `errorCode` and `detail` from an Atlas error body, ignoring anything else. */
function parseErrorBody(body: string): { errorCode?: string; detail?: string } {
  try {
    const parsed = JSON.parse(body) as { errorCode?: unknown; detail?: unknown };
    return {
      errorCode: typeof parsed.errorCode === 'string' ? parsed.errorCode : undefined,
      detail: typeof parsed.detail === 'string' ? parsed.detail : undefined,
    };
  } catch {
    return {};
  }
}

const IP_ACCESS_CODES = new Set(['IP_ADDRESS_NOT_ON_ACCESS_LIST', 'ORG_REQUIRES_ACCESS_LIST']);

/** Picks the code and hint for a failed status and Atlas `errorCode`. */
function classify(reply: FailedReply, errorCode: string | undefined) {
  const { status, apiPath, version } = reply;
  const endpoint = endpointFor(apiPath);

  // Credentials and permissions.
  if (status === 401 && errorCode === 'USER_UNAUTHORIZED') {
    return { code: ErrorCode.ATLAS_PERMISSION_DENIED, hint: permissionHint(apiPath) };
  }
  if (status === 401) return { code: ErrorCode.UNAUTHENTICATED, hint: UNAUTHENTICATED_HINT };
  if (status === 403 && errorCode && IP_ACCESS_CODES.has(errorCode)) {
    const hint = "Add this server's egress IP address to the API key's access list.";
    return { code: ErrorCode.FORBIDDEN, hint };
  }
  if (status === 403) {
    return { code: ErrorCode.ATLAS_PERMISSION_DENIED, hint: permissionHint(apiPath) };
  }

  // Missing resources and API versions.
  if (status === 404) {
    const hint = 'The resource does not exist or this key cannot see it.';
    return { code: ErrorCode.NOT_FOUND, hint };
  }
  if (status === 406) {
    const hint = `Atlas rejected Accept version ${version} for ${endpoint}; fix VERSIONED_ROUTES.`;
    return { code: ErrorCode.ATLAS_API_VERSION_INVALID, hint };
  }
  if (status === 410) {
    const hint = `Atlas no longer serves version ${version} of ${endpoint}; pin a newer version.`;
    return { code: ErrorCode.ATLAS_API_VERSION_GONE, hint };
  }

  // Rate limits, server faults and everything else.
  if (status === 429) {
    const hint = 'Atlas is rate limiting this key; retry later or reduce the request rate.';
    return { code: ErrorCode.RATE_LIMITED, hint };
  }
  if (status >= 500) {
    const hint = 'Atlas is unavailable or failing; retry later.';
    return { code: ErrorCode.UPSTREAM_UNAVAILABLE, hint };
  }
  const hint = `Atlas rejected the request to ${endpoint} as invalid; check the ids and filters.`;
  return { code: ErrorCode.UPSTREAM_BAD_REQUEST, hint };
}

/** Maps a non-2xx reply to an `AtlasApiError`, keeping Atlas's `errorCode` and `detail`. */
export function errorForReply(reply: FailedReply): AtlasApiError {
  const { errorCode, detail } = parseErrorBody(reply.body);
  const { code, hint } = classify(reply, errorCode);
  return new AtlasApiError({
    code,
    status: reply.status,
    errorCode,
    detail,
    hint,
    path: reply.target,
    version: reply.version,
    requestId: reply.requestId,
  });
}
