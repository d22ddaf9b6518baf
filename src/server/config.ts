/**
 * Server configuration from environment variables. Credential variable names are the Atlas
 * CLI's and Terraform's, so an existing setup works unchanged. Invalid values raise a
 * ConfigError naming the variable and what it accepts; secrets never appear in messages.
 */
import { isIP } from 'node:net';
import type { AtlasCredential } from '../atlas/client.js';
import type { LogLevel } from '../observability/logger.js';
import { loadComplianceConfig } from '../compliance/config.js';
import { defaultServerSettings, type ServerSettings } from './settings.js';

/** Everything `main` needs to start. */
export interface ServerConfig {
  /** TCP port for GraphQL and health checks. Env `PORT`, default 4001. */
  port: number;
  /** Interface to bind. Env `HOST`, default 127.0.0.1 (use 0.0.0.0 in a container). */
  host: string;
  /** `demo` serves the built-in Atlas simulator; `atlas` reads the real API. */
  mode: 'demo' | 'atlas';
  /** Atlas host. Env `MONGODB_ATLAS_BASE_URL`, default https://cloud.mongodb.com. */
  atlasBaseUrl: string;
  /** Set in `atlas` mode. */
  credential?: AtlasCredential;
  /** Cross-request cache lifetime. Env `ATLAS_CACHE_TTL_MS`, default 60000; 0 disables. */
  cacheTtlMs: number;
  /** Cross-request cache size in responses. Env `ATLAS_CACHE_MAX`, default 5000. */
  cacheMax: number;
  /** Per-request Atlas timeout. Env `ATLAS_TIMEOUT_MS`, default 30000. */
  timeoutMs: number;
  /** Retries after a 429, 502, 503 or 504 response. Env `ATLAS_MAX_RETRIES`, default 3. */
  maxRetries: number;
  /** Items per Atlas list page. Env `ATLAS_PAGE_SIZE`, default 500 (the documented maximum). */
  pageSize: number;
  /** Env `LOG_LEVEL`: debug, info, warn or error; default info. */
  logLevel: LogLevel;
  /** Env `GRAPHQL_INTROSPECTION`; default on unless `NODE_ENV=production`. */
  introspection: boolean;
  settings: ServerSettings;
}

/** A configuration problem the operator must fix; `main` prints it and exits with status 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Reads an integer variable within bounds, or its default when unset or empty. */
function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`Invalid ${name}="${raw}": expected an integer from ${min} to ${max}.`);
  }
  return value;
}

/** Reads a boolean variable (true/false/1/0), or its default. */
function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`Invalid ${name}="${env[name]}": expected true or false.`);
}

/** Validates the Atlas base URL: HTTPS, or plain HTTP to a loopback simulator. */
function baseUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.MONGODB_ATLAS_BASE_URL?.trim() || 'https://cloud.mongodb.com';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `Invalid MONGODB_ATLAS_BASE_URL="${raw}": expected a URL such as https://cloud.mongodb.com.`,
    );
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(
      `Invalid MONGODB_ATLAS_BASE_URL="${raw}": use https://, or http:// only for a simulator on loopback.`,
    );
  }
  return url.origin;
}

/** Reads the interface to bind: an IP address or `localhost`. */
function host(env: NodeJS.ProcessEnv): string {
  const value = env.HOST?.trim() || '127.0.0.1';
  if (value !== 'localhost' && isIP(value) === 0) {
    throw new ConfigError(
      `Invalid HOST="${value}": expected an IP address of this machine, such as 127.0.0.1, ` +
        '0.0.0.0 (all IPv4 interfaces) or :: (all interfaces), or localhost.',
    );
  }
  return value;
}

/** Picks the credential from the environment, or none for demo mode. */
function credential(env: NodeJS.ProcessEnv): AtlasCredential | undefined {
  const publicKey = env.MONGODB_ATLAS_PUBLIC_API_KEY?.trim();
  const privateKey = env.MONGODB_ATLAS_PRIVATE_API_KEY?.trim();
  if (env.MONGODB_ATLAS_CLIENT_ID || env.MONGODB_ATLAS_CLIENT_SECRET) {
    throw new ConfigError(
      'MONGODB_ATLAS_CLIENT_ID/MONGODB_ATLAS_CLIENT_SECRET are set, but service-account ' +
        'credentials are not supported yet: use an API key pair in MONGODB_ATLAS_PUBLIC_API_KEY ' +
        'and MONGODB_ATLAS_PRIVATE_API_KEY.',
    );
  }
  if (!publicKey && !privateKey) return undefined;
  if (!publicKey || !privateKey) {
    const missing = publicKey ? 'MONGODB_ATLAS_PRIVATE_API_KEY' : 'MONGODB_ATLAS_PUBLIC_API_KEY';
    throw new ConfigError(
      `${missing} is not set: set both halves of the Atlas API key pair, or neither for demo mode.`,
    );
  }
  return { kind: 'apiKey', publicKey, privateKey };
}

/** Reads the compliance thresholds, reporting a bad value as a ConfigError. */
function complianceConfig(env: NodeJS.ProcessEnv) {
  try {
    return loadComplianceConfig(env);
  } catch (error) {
    if (error instanceof RangeError) throw new ConfigError(error.message);
    throw error;
  }
}

/** Loads and validates the configuration. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const logLevel = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`Invalid LOG_LEVEL="${env.LOG_LEVEL}": expected ${LOG_LEVELS.join(', ')}.`);
  }
  const cred = credential(env);
  return {
    port: integer(env, 'PORT', 4001, 0, 65535),
    host: host(env),
    mode: cred ? 'atlas' : 'demo',
    atlasBaseUrl: baseUrl(env),
    credential: cred,
    cacheTtlMs: integer(env, 'ATLAS_CACHE_TTL_MS', 60_000, 0, 86_400_000),
    cacheMax: integer(env, 'ATLAS_CACHE_MAX', 5000, 1, 1_000_000),
    timeoutMs: integer(env, 'ATLAS_TIMEOUT_MS', 30_000, 100, 600_000),
    maxRetries: integer(env, 'ATLAS_MAX_RETRIES', 3, 0, 10),
    pageSize: integer(env, 'ATLAS_PAGE_SIZE', 500, 1, 500),
    logLevel,
    introspection: boolean(env, 'GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production'),
    settings: {
      ...defaultServerSettings,
      maxPageSize: integer(env, 'MAX_PAGE_SIZE', defaultServerSettings.maxPageSize, 1, 10_000),
      maxResultNodes: integer(env, 'MAX_RESULT_NODES', defaultServerSettings.maxResultNodes, 1, 10_000_000),
      maxAtlasCallsPerOperation: integer(
        env,
        'ATLAS_MAX_CALLS_PER_OPERATION',
        defaultServerSettings.maxAtlasCallsPerOperation,
        1,
        1_000_000,
      ),
      operationTimeoutMs: integer(env, 'OPERATION_TIMEOUT_MS', defaultServerSettings.operationTimeoutMs, 1000, 3_600_000),
      maxQueryDepth: integer(env, 'MAX_QUERY_DEPTH', defaultServerSettings.maxQueryDepth, 1, 1000),
      maxQueryFields: integer(env, 'MAX_QUERY_FIELDS', defaultServerSettings.maxQueryFields, 1, 1_000_000),
      maxEntityRepresentations: integer(
        env,
        'MAX_ENTITY_REPRESENTATIONS',
        defaultServerSettings.maxEntityRepresentations,
        1,
        1_000_000,
      ),
      compliance: { ...complianceConfig(env) },
    },
  };
}
