/**
 * The read-only Atlas Admin API v2 client. Every request is a GET: no method, body or header
 * can be passed in, so a caller cannot write to Atlas through it.
 *
 * One read is composed of layers, outermost first: the response cache, pagination, the retry
 * policy, digest authentication, and a single undici request with a timeout.
 */
import { Agent, type Dispatcher } from 'undici';
import { AtlasResponseCache } from './cache.js';
import { DigestSession } from './digest.js';
import { AtlasApiError, ErrorCode } from './errors.js';
import { errorForReply } from './hints.js';
import { collectPages, pagingQuery } from './paginate.js';
import type { AtlasCallEvent, AtlasReader, QueryParams } from './reader.js';
import { RetryPolicy, networkErrorCode, type RetryOptions } from './retry.js';
import { mediaTypeFor, versionFor } from './versions.js';
import { silentLogger, type Logger } from '../observability/logger.js';
import { encodeComponent } from './resources/segment.js';

/** Credential the client signs requests with. Only API keys (HTTP Digest) are implemented. */
export type AtlasCredential =
  | { kind: 'apiKey'; publicKey: string; privateKey: string }
  | { kind: 'serviceAccount'; clientId: string; clientSecret: string };

/** Settings for `AtlasClient`. */
export interface AtlasClientOptions {
  /** Scheme and host, e.g. `https://cloud.mongodb.com`; `/api/atlas/v2` is appended. */
  baseUrl: string;
  credential: AtlasCredential;
  /** Connection pool. Default: a keep-alive undici Agent that the client owns and closes. */
  dispatcher?: Dispatcher;
  /** Default `silentLogger`. */
  logger?: Logger;
  /** Limit for one HTTP request, headers and body together. Default 30 000 ms. */
  timeoutMs?: number;
  /** Retry settings; see `RetryOptions` for defaults. */
  retry?: RetryOptions;
  /** Cross-request cache, possibly shared with other clients. Default none. */
  cache?: AtlasResponseCache;
  /** Page size for `list`, 1 to 500. Default 500, the maximum Atlas accepts. */
  itemsPerPage?: number;
  /** Wall clock in milliseconds, for durations and `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
  /** Waits between retries. Default a `setTimeout` promise. */
  sleep?: (ms: number) => Promise<void>;
}

/** Callback for one event per call, or undefined when no listener is set. */
type Listener = ((event: AtlasCallEvent) => void) | undefined;

/** A response read in full. */
interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Thrown inside the client when a request outlives `timeoutMs`; mapped to UPSTREAM_TIMEOUT. */
class RequestTimeout extends Error {
  readonly code = 'ATLAS_REQUEST_TIMEOUT';
}

const API_PREFIX = '/api/atlas/v2';

/** Serialises a query in the caller's order; arrays repeat the parameter. */
export function encodeQuery(query: QueryParams | undefined): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) {
      parts.push(`${encodeComponent(name)}=${encodeComponent(item)}`);
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** Returns the query as string pairs, for cache keys. */
function queryPairs(query: QueryParams | undefined): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [String(value)]) pairs.push([name, item]);
  }
  return pairs;
}

/** Rejects paths that are not a plain absolute path under `/api/atlas/v2`. */
function checkPath(path: string): void {
  if (!path.startsWith('/') || /[?#\s]|\/\.\.?(\/|$)/.test(path)) {
    throw new TypeError(
      `Atlas path must start with "/" and have no query, fragment, spaces or dot segments: ${path}`,
    );
  }
}

/** Validates options that would otherwise fail later in a less clear way. */
function checkOptions(options: AtlasClientOptions): URL {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be an http(s) URL, got protocol ${base.protocol}`);
  }
  const perPage = options.itemsPerPage ?? 500;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 500) {
    throw new TypeError(`itemsPerPage must be an integer from 1 to 500, got ${perPage}`);
  }
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
    throw new TypeError(`timeoutMs must be > 0, got ${options.timeoutMs}`);
  }
  return base;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads the Atlas Admin API v2 with one API key; see the module header for the layers. */
export class AtlasClient implements AtlasReader {
  /** Public key or client id; never the secret. */
  readonly credentialId: string;
  readonly #origin: string;
  readonly #prefix: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #cache: AtlasResponseCache | undefined;
  readonly #itemsPerPage: number;
  readonly #now: () => number;
  readonly #digest: DigestSession;
  #closed = false;

  constructor(options: AtlasClientOptions) {
    const base = checkOptions(options);
    const credential = options.credential;
    // TODO: service accounts need Bearer auth with a token from POST /api/oauth/token. That
    // POST belongs in a separate token source, so that `#send` stays GET-only.
    if (credential.kind !== 'apiKey') throw new Error('service accounts are not supported yet');

    this.#logger = options.logger ?? silentLogger;
    this.#logger.registerSecret(credential.privateKey);
    this.credentialId = credential.publicKey;
    this.#digest = new DigestSession(credential.publicKey, credential.privateKey);

    this.#origin = base.origin;
    this.#prefix = base.pathname.replace(/\/+$/, '') + API_PREFIX;
    this.#ownsDispatcher = options.dispatcher === undefined;
    // Bounded sockets and body size: one Atlas origin never gets more than 32 connections from
    // this process, and a runaway reply fails at 64 MiB instead of filling memory.
    this.#dispatcher =
      options.dispatcher ??
      new Agent({ keepAliveTimeout: 4_000, connections: 32, maxResponseSize: 64 * 1024 * 1024 });
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#now = options.now ?? Date.now;
    this.#cache = options.cache;
    this.#itemsPerPage = options.itemsPerPage ?? 500;
    const sleep = options.sleep ?? defaultSleep;
    const retryEnv = { sleep, now: this.#now, logger: this.#logger };
    this.#retry = new RetryPolicy(options.retry ?? {}, retryEnv);
  }

  /** GETs one resource and returns its parsed JSON body. */
  get<T>(path: string, query?: QueryParams): Promise<T> {
    return this.#get<T>(path, query, undefined);
  }

  /** GETs every page of a paged list and returns all `results` in order. */
  list<T>(path: string, query?: QueryParams): Promise<T[]> {
    return this.#list<T>(path, query, undefined);
  }

  /**
   * Returns a view that shares this client's connections, auth state and cache and reports
   * every call to `listener`.
   */
  withCallListener(listener: (event: AtlasCallEvent) => void): AtlasReader {
    return {
      credentialId: this.credentialId,
      get: <T>(path: string, query?: QueryParams) => this.#get<T>(path, query, listener),
      list: <T>(path: string, query?: QueryParams) => this.#list<T>(path, query, listener),
    };
  }

  /** Closes the connection pool if the client created it. Later calls are rejected. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #get<T>(path: string, query: QueryParams | undefined, listener: Listener): Promise<T> {
    const version = this.#prepare(path);
    const fetch = () => this.#fetchJson(path, query, version, listener) as Promise<T>;
    return this.#cached('get', path, query, version, listener, fetch);
  }

  async #list<T>(path: string, query: QueryParams | undefined, listener: Listener): Promise<T[]> {
    const version = this.#prepare(path);
    const perPage = this.#itemsPerPage;
    const pageQuery = (n: number) => ({ ...query, ...pagingQuery(path, perPage, n) });
    const fetch = () =>
      collectPages<T>(
        (n) => this.#fetchJson(path, pageQuery(n), version, listener),
        (n) => this.#prefix + path + encodeQuery(pageQuery(n)),
        perPage,
      );
    return this.#cached('list', path, query, version, listener, fetch);
  }

  /** Checks the client and the path, and returns the API version the path is pinned to. */
  #prepare(path: string): string {
    if (this.#closed) throw new Error('AtlasClient is closed; create a new client.');
    checkPath(path);
    return versionFor(path);
  }

  /** Reads through the cross-request cache when there is one, reporting hits to `listener`. */
  async #cached<T>(
    kind: 'get' | 'list',
    path: string,
    query: QueryParams | undefined,
    version: string,
    listener: Listener,
    fetch: () => Promise<T>,
  ): Promise<T> {
    if (!this.#cache) return fetch();
    const key = AtlasResponseCache.key({
      credentialId: this.credentialId,
      kind,
      path,
      query: queryPairs(query),
      version,
    });
    const started = this.#now();
    const { value, source } = await this.#cache.load(key, fetch);
    if (source !== 'fetched') {
      const event = { path: path + encodeQuery(query), status: 200, httpRequests: 0, cached: true };
      listener?.({ ...event, durationMs: this.#now() - started });
    }
    return value;
  }

  /** One logical GET with retries and digest auth; returns the parsed JSON body. */
  async #fetchJson(
    path: string,
    query: QueryParams | undefined,
    version: string,
    listener: Listener,
  ): Promise<unknown> {
    const apiPath = path + encodeQuery(query);
    const target = this.#prefix + apiPath;
    const started = this.#now();
    let httpRequests = 0;
    let status = 0;
    try {
      const reply = await this.#retry.run(target, (attempt) =>
        this.#digest.exchange(target, (authorization) => {
          httpRequests += 1;
          return this.#send(target, version, authorization, attempt);
        }),
      );
      status = reply.status;
      return this.#parse(reply, apiPath, target, version);
    } catch (error) {
      throw this.#toAtlasError(error, target, version);
    } finally {
      const durationMs = this.#now() - started;
      listener?.({ path: apiPath, status, durationMs, httpRequests, cached: false });
    }
  }

  /** Returns the JSON body of a 2xx reply, or throws the mapped error. */
  #parse(reply: HttpReply, apiPath: string, target: string, version: string): unknown {
    const requestId = headerValue(reply.headers['x-request-id']);
    if (reply.status < 200 || reply.status >= 300) {
      const error = errorForReply({ ...reply, apiPath, target, version, requestId });
      if (error.code === ErrorCode.ATLAS_API_VERSION_INVALID) {
        const message = `Atlas rejected the Accept header, which is a client bug. ${error.hint}`;
        this.#logger.error('atlas.version_invalid', message, {
          path: target,
          version,
          detail: error.detail,
        });
      }
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(reply.body);
    } catch (cause) {
      throw new AtlasApiError({
        code: ErrorCode.UPSTREAM_INVALID_RESPONSE,
        status: reply.status,
        detail: 'the body is not JSON',
        hint: 'Atlas returned a body that is not JSON; report it if it persists.',
        path: target,
        version,
        requestId,
        cause,
      });
    }
    // Every endpoint read here returns a JSON object or a bare array. Null or a scalar would
    // otherwise pass as "no such resource" or crash a resolver later.
    if (typeof body !== 'object' || body === null) {
      const shape = body === null ? 'null' : `a JSON ${typeof body}`;
      throw new AtlasApiError({
        code: ErrorCode.UPSTREAM_INVALID_RESPONSE,
        status: reply.status,
        detail: `the body is ${shape}`,
        hint: `Atlas returned ${shape}, expected a JSON object or array; report it if it persists.`,
        path: target,
        version,
        requestId,
      });
    }
    return body;
  }

  /** Wraps a thrown network failure; `AtlasApiError`s pass through unchanged. */
  #toAtlasError(error: unknown, target: string, version: string): unknown {
    if (error instanceof AtlasApiError || error instanceof TypeError) return error;
    const timedOut = error instanceof RequestTimeout;
    const code = networkErrorCode(error);
    // The undici error can name the host and port, so only its code is kept as the cause.
    return new AtlasApiError({
      code: timedOut ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_UNAVAILABLE,
      status: 0,
      detail: timedOut
        ? `no complete response within ${this.#timeoutMs} ms`
        : `network error ${code ?? 'unknown'}`,
      hint: timedOut
        ? 'Atlas did not respond in time; retry later, or raise ATLAS_TIMEOUT_MS.'
        : 'Atlas could not be reached; check the network path to Atlas and retry.',
      path: target,
      version,
      cause: { code },
    });
  }

  /** Sends one GET and reads the whole body, within `timeoutMs`. */
  async #send(target: string, version: string, authorization: string | undefined, attempt: number) {
    const headers: Record<string, string> = { accept: mediaTypeFor(version) };
    if (authorization) headers.authorization = authorization;
    const controller = new AbortController();
    const timeout = () => controller.abort(new RequestTimeout('timed out'));
    const timer = setTimeout(timeout, this.#timeoutMs);
    const started = this.#now();
    try {
      const response = await this.#dispatcher.request({
        origin: this.#origin,
        path: target,
        method: 'GET',
        headers,
        signal: controller.signal,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      const body = await response.body.text();
      const reply: HttpReply = { status: response.statusCode, headers: response.headers, body };
      this.#logRequest(target, reply.status, started, attempt);
      return reply;
    } catch (error) {
      this.#logRequest(target, 0, started, attempt);
      throw isTimeout(error, controller.signal) ? new RequestTimeout('timed out') : error;
    } finally {
      clearTimeout(timer);
    }
  }

  #logRequest(target: string, status: number, started: number, attempt: number): void {
    const durationMs = this.#now() - started;
    this.#logger.debug('atlas.request', `GET ${target} returned ${status}.`, {
      path: target,
      status,
      durationMs,
      attempt,
    });
  }
}

/** True when a request failed because our timer fired or undici's own timeouts expired. */
function isTimeout(error: unknown, signal: AbortSignal): boolean {
  const code = networkErrorCode(error);
  return signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
