/**
 * Turns resolver failures into GraphQL errors. Clients see only a message, `extensions.code`
 * from `ErrorCode` and, for Atlas failures, the Atlas error code, HTTP status and a hint. The
 * original error, with the Atlas path, goes to the log. Stack traces never leave the process.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AtlasApiError, ErrorCode } from '../atlas/errors.js';
import type { Logger } from '../observability/logger.js';

/** Client-facing summary of each failure; the hint follows it. */
const SUMMARY: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'Atlas rejected the credential',
  FORBIDDEN: 'Atlas refused the request from this network address',
  ATLAS_PERMISSION_DENIED: 'The Atlas credential lacks the role this field needs',
  NOT_FOUND: 'The Atlas resource was not found',
  RATE_LIMITED: 'Atlas rate-limited the request and retries were used up',
  ATLAS_API_VERSION_INVALID: 'Atlas rejected the API version this server sent',
  ATLAS_API_VERSION_GONE: 'Atlas no longer serves the API version this server uses',
  UPSTREAM_BAD_REQUEST: 'Atlas rejected the request as invalid',
  UPSTREAM_UNAVAILABLE: 'Atlas is unavailable',
  UPSTREAM_TIMEOUT: 'Atlas did not answer in time',
  UPSTREAM_INVALID_RESPONSE: 'Atlas sent a response this server cannot read',
  QUERY_TOO_LARGE: 'The query exceeds a per-operation limit',
  BAD_USER_INPUT: 'Invalid argument',
  INTERNAL_SERVER_ERROR: 'Internal server error',
};

/** Codes that Apollo Server and graphql-js raise for a bad request; safe to pass through. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'QUERY_TOO_LARGE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Builds the client-facing message; 5xx details stay in the log. */
export function publicMessage(error: AtlasApiError): string {
  const status = error.status ? ` (HTTP ${error.status}${error.errorCode ? ` ${error.errorCode}` : ''})` : '';
  const detail =
    error.status >= 400 && error.status < 500 && error.detail
      ? `: ${error.detail.replace(/\.+$/, '')}`
      : '';
  return `${SUMMARY[error.code]}${status}${detail}. ${error.hint}`;
}

/** Creates Apollo Server's `formatError`, logging what it masks. */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const { path, locations } = formatted;

    if (original instanceof AtlasApiError) {
      const level = original.code === ErrorCode.ATLAS_API_VERSION_INVALID ? 'error' : 'warn';
      logger[level]('graphql.atlas_error', `${original.message}`, {
        code: original.code,
        status: original.status,
        atlasErrorCode: original.errorCode,
        graphqlPath: path,
      });
      return {
        message: publicMessage(original),
        path,
        locations,
        extensions: {
          code: original.code,
          atlasErrorCode: original.errorCode ?? null,
          httpStatus: original.status || null,
          hint: original.hint,
        },
      };
    }

    const code = formatted.extensions?.code;
    if (code === 'GRAPHQL_VALIDATION_FAILED' && /introspection is not allowed/i.test(formatted.message)) {
      return {
        message: 'GraphQL introspection is off on this server: set GRAPHQL_INTROSPECTION=true to turn it on.',
        locations,
        extensions: { code },
      };
    }
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      const extensions = { ...formatted.extensions };
      delete extensions.stacktrace;
      return { ...formatted, extensions };
    }

    logger.error('graphql.internal_error', 'A resolver failed unexpectedly; the client got a masked error.', {
      error: original instanceof Error ? `${original.name}: ${original.message}` : String(original),
      stack: original instanceof Error ? original.stack : undefined,
      graphqlPath: path,
    });
    return {
      message: SUMMARY.INTERNAL_SERVER_ERROR,
      path,
      locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
