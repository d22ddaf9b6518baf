/**
 * The one error root for Atlas failures. Callers branch on `code`, never on the message.
 * `code` is also what the GraphQL layer exposes as `extensions.code`.
 */

/** Stable error codes, shared by the Atlas client and the GraphQL error formatter. */
export const ErrorCode = {
  /** 401 after a signed try: the key pair or service account is wrong or revoked. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** 403 `IP_ADDRESS_NOT_ON_ACCESS_LIST` / `ORG_REQUIRES_ACCESS_LIST`: this server's IP is refused. */
  FORBIDDEN: 'FORBIDDEN',
  /** 401 `USER_UNAUTHORIZED`: the credential lacks the role the endpoint needs. */
  ATLAS_PERMISSION_DENIED: 'ATLAS_PERMISSION_DENIED',
  /** 404: the resource does not exist or the credential cannot see it. */
  NOT_FOUND: 'NOT_FOUND',
  /** 429 still returned after the retry budget was spent. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** 406 `INVALID_VERSION_DATE`: a client bug, the versioned media type was rejected. */
  ATLAS_API_VERSION_INVALID: 'ATLAS_API_VERSION_INVALID',
  /** 410 `VERSION_GONE`: the pinned version was sunset by Atlas. */
  ATLAS_API_VERSION_GONE: 'ATLAS_API_VERSION_GONE',
  /** 400 from Atlas: a request the API rejected as malformed. */
  UPSTREAM_BAD_REQUEST: 'UPSTREAM_BAD_REQUEST',
  /** 5xx from Atlas or a network failure after retries. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** No response within the configured timeout. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** A 2xx whose body is not the JSON shape the endpoint documents. */
  UPSTREAM_INVALID_RESPONSE: 'UPSTREAM_INVALID_RESPONSE',
  /** The operation exceeded a per-operation limit (result items, Atlas calls, representations). */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** A GraphQL argument that can never succeed (bad id format, bad cursor). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** Anything unexpected; the detail goes to the log, never to the client. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Fields of an `AtlasApiError`. */
export interface AtlasApiErrorInit {
  code: ErrorCode;
  /** HTTP status Atlas returned, or 0 when no response arrived. */
  status: number;
  /** Atlas `errorCode` from the error body, when present. */
  errorCode?: string;
  /** Atlas `detail` from the error body, when present. */
  detail?: string;
  /** Action a person can take to fix the failure. */
  hint: string;
  /** Request path without the host, for example `/api/atlas/v2/groups/{id}/clusters?pageNum=1`. */
  path: string;
  /** Version date sent in `Accept`. */
  version?: string;
  /** Atlas request id (`X-Request-Id` or similar), when the response carried one. */
  requestId?: string;
  /** False when a limit stopped the request before it was sent. Default true. */
  sent?: boolean;
  cause?: unknown;
}

/** A failed Atlas read. Never carries credentials, tokens or the Authorization header. */
export class AtlasApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errorCode?: string;
  readonly detail?: string;
  readonly hint: string;
  readonly path: string;
  readonly version?: string;
  readonly requestId?: string;

  constructor(init: AtlasApiErrorInit) {
    const what = init.status
      ? `Atlas returned ${init.status}`
      : init.sent === false
        ? 'Atlas request not sent'
        : 'Atlas request failed';
    const atlasCode = init.errorCode ? ` ${init.errorCode}` : '';
    const detail = init.detail ? `: ${init.detail.replace(/\.+$/, '')}` : '';
    super(`${what}${atlasCode} for GET ${init.path}${detail}. ${init.hint}`, { cause: init.cause });
    this.name = 'AtlasApiError';
    this.code = init.code;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.detail = init.detail;
    this.hint = init.hint;
    this.path = init.path;
    this.version = init.version;
    this.requestId = init.requestId;
  }

  /** True for failures that a later identical request may not repeat (never cached). */
  get transient(): boolean {
    return (
      this.code === ErrorCode.UPSTREAM_UNAVAILABLE ||
      this.code === ErrorCode.UPSTREAM_TIMEOUT ||
      this.code === ErrorCode.RATE_LIMITED
    );
  }
}

/** Narrows an unknown value to `AtlasApiError`. */
export function isAtlasApiError(value: unknown): value is AtlasApiError {
  return value instanceof AtlasApiError;
}
