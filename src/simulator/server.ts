/**
 * A loopback HTTP server that behaves like the Atlas Admin API v2 for the GET endpoints this
 * product reads: Digest authentication, versioned media types, pagination, Atlas error bodies,
 * token-bucket rate limits, and fault injection for tests and benchmarks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, type Logger } from '../observability/logger.js';
import { handleAdminRequest, ADMIN_PREFIX } from './admin.js';
import type { Dataset, DatasetCredential } from './dataset.js';
import { DigestVerifier } from './digest.js';
import { Estate } from './estate.js';
import { FaultList, type Fault } from './faults.js';
import { TokenBuckets, type RateLimitSettings } from './rate-limit.js';
import { AtlasHttpError, resourceNotFound, userUnauthorized } from './responses.js';
import { matchPath, negotiateVersion } from './routes.js';

export type { Fault } from './faults.js';

/** Every Atlas Admin API v2 path starts with this. */
export const API_PREFIX = '/api/atlas/v2';

/** Options for `startSimulator`. */
export interface SimulatorOptions {
  dataset: Dataset;
  /** TCP port; default 0 (an ephemeral port). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** How long a Digest nonce stays valid, in milliseconds; default 60000. */
  nonceTtlMs?: number;
  /** Token buckets per (public key, endpoint set); default capacity 100, 50 tokens/s. */
  rateLimit?: RateLimitSettings | false;
  /** `itemsPerPage` when the request sets none; default 100. */
  defaultItemsPerPage?: number;
  /** Receives lifecycle events at info and one event per request at debug. */
  logger?: Logger;
  /** Clock in epoch milliseconds, for nonce expiry and token refill; default `Date.now`. */
  now?: () => number;
}

/** Request counts since start or the last reset. */
export interface SimulatorCounters {
  /** Every request under `/api/atlas/v2`. */
  total: number;
  /** 401s caused by missing, invalid or stale Digest authorization. */
  challenges: number;
  /** Authenticated requests per path (without query). */
  byPath: Record<string, number>;
}

/** A running simulator. */
export interface RunningSimulator {
  /** Base URL such as `http://127.0.0.1:PORT`, without the API prefix. */
  url: string;
  port: number;
  counters(): SimulatorCounters;
  resetCounters(): void;
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Stops listening and drops open connections, hung ones included. */
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT: RateLimitSettings = { capacity: 100, refillPerSecond: 50 };

const UNAUTHORIZED_BODY = {
  error: 401,
  reason: 'Unauthorized',
  detail: 'You are not authorized for this resource.',
};

/** Shared state of one simulator instance. */
interface SimulatorState {
  estate: Estate;
  digest: DigestVerifier;
  buckets?: TokenBuckets;
  faults: FaultList;
  counters: SimulatorCounters;
  timers: Set<NodeJS.Timeout>;
  logger: Logger;
  now: () => number;
  baseUrl: string;
  defaultItemsPerPage: number;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: AtlasHttpError, headers: Record<string,
  string> = {}) {
  sendJson(res, error.status, error.toBody(), headers);
}

function delay(state: SimulatorState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      state.timers.delete(timer);
      resolve();
    }, ms);
    state.timers.add(timer);
  });
}

/** Takes a token; returns the rate-limit headers, or sends the 429 and returns undefined. */
function applyRateLimit(
  state: SimulatorState,
  res: ServerResponse,
  publicKey: string,
  apiPath: string,
): Record<string, string> | undefined {
  if (!state.buckets) return {};
  const endpointSet = apiPath.split('/').filter(Boolean).slice(0, 2).join('/');
  const decision = state.buckets.take(`${publicKey} ${endpointSet}`);
  const { capacity } = state.buckets.settings;
  const headers = {
    'RateLimit-Limit': String(capacity),
    'RateLimit-Remaining': String(decision.remaining),
  };
  if (decision.allowed) return headers;
  const { refillRate, refillDurationSeconds } = state.buckets.refillTerms();
  const scope = `api/atlas/v2/${endpointSet}`.replace(/\/$/, '');
  const retry = decision.retryAfterSeconds!;
  const error = new AtlasHttpError(429, 'RATE_LIMITED_TOKEN_BUCKET',
    `Rate limit exceeded for ${scope}. Please retry after ${retry} seconds. Request capacity: ` +
      `${capacity}. Refill rate: ${refillRate} per ${refillDurationSeconds} seconds.`,
    [scope, retry, capacity, refillRate, refillDurationSeconds]);
  sendError(res, error, { ...headers, 'Retry-After': String(retry) });
  return undefined;
}

/** Sends a fault's response, or returns false when the fault only delays. */
async function applyFault(state: SimulatorState, res: ServerResponse, fault: Fault) {
  if (fault.delayMs) await delay(state, fault.delayMs);
  // A hung request keeps its socket open without headers until close() destroys it.
  if (fault.hang) return true;
  if (!fault.response) return false;
  const { status, headers } = fault.response;
  const body = fault.response.body !== undefined || status < 400
    ? fault.response.body
    : new AtlasHttpError(status, undefined, 'Fault injected by the Atlas simulator.').toBody();
  sendJson(res, status, body, headers);
  return true;
}

function isDenied(credential: DatasetCredential, path: string): boolean {
  return (credential.deniedPaths ?? []).some((source) => new RegExp(source).test(path));
}

/** Routes, version-checks and runs the handler for an authenticated request. */
function serveRoute(
  state: SimulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  credential: DatasetCredential,
  headers: Record<string, string>,
): void {
  const target = req.url ?? '/';
  const path = target.split('?')[0];
  const match = matchPath(path.slice(API_PREFIX.length));
  if (!match) return sendError(res, resourceNotFound(path), headers);
  if (req.method !== 'GET') {
    return sendError(res, new AtlasHttpError(405, 'METHOD_NOT_ALLOWED',
      `Method ${req.method} is not allowed on ${path}; the simulator is read-only.`,
      [req.method, path]), { ...headers, Allow: 'GET' });
  }
  const { version, contentType } = negotiateVersion(match.route, req.headers.accept);
  const url = new URL(target, state.baseUrl);
  const body = match.route.handler({
    estate: state.estate, credential, params: match.params, query: url.searchParams, url,
    version, defaultItemsPerPage: state.defaultItemsPerPage, now: state.now(),
  });
  sendJson(res, 200, body, { ...headers, 'Content-Type': contentType });
}

async function handleApiRequest(state: SimulatorState, req: IncomingMessage, res: ServerResponse) {
  const target = req.url ?? '/';
  const path = target.split('?')[0];
  state.counters.total += 1;

  // Authentication comes first: nothing else is revealed to an unsigned request.
  const verdict = state.digest.verify(req.headers.authorization, req.method ?? 'GET', target);
  if (!verdict.ok) {
    state.counters.challenges += 1;
    state.logger.debug('simulator.challenge', `Digest check failed: ${verdict.reason}.`, { path });
    return sendJson(res, 401, UNAUTHORIZED_BODY,
      { 'WWW-Authenticate': state.digest.challenge(verdict.stale) });
  }
  const credential = state.estate.credential(verdict.publicKey)!;
  state.counters.byPath[path] = (state.counters.byPath[path] ?? 0) + 1;
  if (credential.ipAccessListBlocked) {
    return sendError(res, new AtlasHttpError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST',
      'IP address 127.0.0.1 is not allowed to access this resource.', ['127.0.0.1']));
  }

  const pageNum = Number(new URL(target, state.baseUrl).searchParams.get('pageNum') ?? '1');
  const fault = state.faults.take({ path, publicKey: credential.publicKey, pageNum });
  if (fault && (await applyFault(state, res, fault))) return;

  const headers = applyRateLimit(state, res, credential.publicKey, path.slice(API_PREFIX.length));
  if (!headers) return;
  if (isDenied(credential, path)) return sendError(res, userUnauthorized(), headers);
  try {
    serveRoute(state, req, res, credential, headers);
  } catch (error) {
    if (!(error instanceof AtlasHttpError)) throw error;
    sendError(res, error, headers);
  }
}

function isApiPath(path: string): boolean {
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

async function handleRequest(state: SimulatorState, req: IncomingMessage, res: ServerResponse) {
  const path = (req.url ?? '/').split('?')[0];
  if (path.startsWith(ADMIN_PREFIX)) return handleAdminRequest(state, req, res);
  if (!isApiPath(path)) return sendError(res, resourceNotFound(path));
  await handleApiRequest(state, req, res);
  state.logger.debug('simulator.request', `${req.method} ${path} returned ${res.statusCode}.`,
    { method: req.method, path, status: res.statusCode });
}

function formatUrl(host: string, port: number): string {
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** Starts a simulator and resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const estate = new Estate(options.dataset);
  const host = options.host ?? '127.0.0.1';
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const state: SimulatorState = {
    estate,
    digest: new DigestVerifier({
      privateKeyFor: (publicKey) => estate.credential(publicKey)?.privateKey,
      nonceTtlMs: options.nonceTtlMs ?? 60_000,
      now,
    }),
    buckets: rateLimit ? new TokenBuckets(rateLimit, now) : undefined,
    faults: new FaultList(),
    counters: { total: 0, challenges: 0, byPath: {} },
    timers: new Set(),
    logger: options.logger ?? silentLogger,
    now,
    baseUrl: '',
    defaultItemsPerPage: options.defaultItemsPerPage ?? 100,
  };
  for (const credential of options.dataset.credentials) {
    state.logger.registerSecret(credential.privateKey);
  }

  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      state.logger.error('simulator.handler_failed',
        'A simulator handler threw; the request got 500. Fix the dataset or the handler.',
        { path: (req.url ?? '').split('?')[0], error: String(error) });
      if (!res.headersSent) {
        sendError(res, new AtlasHttpError(500, 'UNEXPECTED_ERROR', 'Unexpected error.'));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.baseUrl = formatUrl(host, port);
  state.logger.info('simulator.listening', `Atlas simulator listening on ${state.baseUrl}.`,
    { url: state.baseUrl });

  return {
    url: state.baseUrl,
    port,
    counters: () => structuredClone(state.counters),
    resetCounters: () => {
      state.counters = { total: 0, challenges: 0, byPath: {} };
    },
    addFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    close: () => closeServer(server, state),
  };
}

function closeServer(server: ReturnType<typeof createServer>, state: SimulatorState) {
  for (const timer of state.timers) clearTimeout(timer);
  state.timers.clear();
  return new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error) return reject(error);
      state.logger.info('simulator.closed', 'Atlas simulator stopped.', { url: state.baseUrl });
      resolve();
    });
    server.closeAllConnections();
  });
}

export type { SimulatorState };
