/**
 * Argument checks made before any Atlas call, so a malformed id fails fast with a message that
 * states what Atlas expects instead of costing a round trip that ends in 400.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../atlas/errors.js';

const ATLAS_ID = /^[a-f0-9]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

/** True for a 24-character lowercase hexadecimal Atlas object id. */
export function isAtlasId(value: string): boolean {
  return ATLAS_ID.test(value);
}

/** True for a name Atlas accepts as a cluster name. */
export function isClusterName(value: string): boolean {
  return CLUSTER_NAME.test(value) && value.length <= 64;
}

/**
 * Throws BAD_USER_INPUT unless `value` is an Atlas object id. `label` names the value in the
 * message (for example "organisation id"); `argumentName` is the GraphQL argument.
 */
export function assertAtlasId(label: string, value: string, argumentName = label): void {
  if (!isAtlasId(value)) {
    throw new GraphQLError(
      `Invalid ${label} "${value}": Atlas ids are 24 lowercase hexadecimal characters, ` +
        'as shown in the Atlas UI or returned by this API.',
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName } },
    );
  }
}

/** Throws BAD_USER_INPUT unless `value` is a valid cluster name. */
export function assertClusterName(value: string): void {
  if (!isClusterName(value)) {
    throw new GraphQLError(
      `Invalid cluster name "${value}": Atlas cluster names start with a letter or digit and ` +
        'contain only letters, digits and hyphens.',
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'name' } },
    );
  }
}

/** Authentication databases Atlas database users can have. */
const AUTH_DATABASES = new Set(['admin', '$external']);

/** True for `admin` (SCRAM users) and `$external` (X.509, LDAP, AWS IAM and OIDC users). */
export function isAuthDatabase(value: string): boolean {
  return AUTH_DATABASES.has(value);
}

/** Throws BAD_USER_INPUT unless `value` is an authentication database Atlas uses. */
export function assertAuthDatabase(value: string): void {
  if (!isAuthDatabase(value)) {
    throw new GraphQLError(
      `Invalid databaseName "${value}": Atlas database users authenticate against "admin" ` +
        '(SCRAM) or "$external" (X.509, LDAP, AWS IAM, OIDC).',
      { extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'databaseName' } },
    );
  }
}
