/**
 * The retry policy the client composes around one authenticated GET. It decides from the
 * outcome of an attempt alone, so callers never write their own retry loops.
 *
 * Retried: 429, 502, 503 and 504 (honouring `Retry-After`), 500 once at most, and the network
 * errors a closed keep-alive socket produces (`ECONNRESET`, `EPIPE`, `UND_ERR_SOCKET`,
 * `UND_ERR_CLOSED`). Never retried: every other status (400, 401, 403, 404, 406, 410 …),
 * timeouts and other network errors such as `ECONNREFUSED`.
 */
import type { Logger } from '../observability/logger.js';

/** Retry settings. All delays are in milliseconds. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  maxRetries?: number;
  /** First backoff delay before jitter. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * Cap on any one delay. A `Retry-After` longer than this is not waited for, and the reply is
   * returned as final. Default 30 000 ms.
   */
  maxDelayMs?: number;
}

/** Clock, sleep and logger of the policy, injected so that tests control time. */
export interface RetryEnvironment {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  logger: Logger;
  /** Uniform random number in [0, 1). Default Math.random. */
  random?: () => number;
}

/** A reply the policy can inspect. */
export interface RetryableReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/** Statuses retried up to `maxRetries` times. */
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);

/**
 * 500 is retried once at most. Atlas returns `UNEXPECTED_ERROR` for both transient faults and
 * persistent server bugs, and a second failure makes the persistent kind likely.
 */
const MAX_RETRIES_ON_500 = 1;

/** Error codes from a connection the server closed; a GET on a new connection is safe. */
const RETRIED_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Returns the `code` of a network error or of its `cause`, if any. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 3; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Parses `Retry-After` as delay-seconds or an HTTP-date. Returns the delay in milliseconds,
 * never negative, or undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number,
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Retries a single GET exchange according to the rules in this module's header. */
export class RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly #env: RetryEnvironment;

  constructor(options: RetryOptions, env: RetryEnvironment) {
    this.maxRetries = options.maxRetries ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#env = env;
    if (!(this.maxRetries >= 0 && this.baseDelayMs > 0 && this.maxDelayMs >= this.baseDelayMs)) {
      throw new TypeError(
        'retry options must have maxRetries >= 0 and 0 < baseDelayMs <= maxDelayMs',
      );
    }
  }

  /**
   * Runs `attempt` (numbered from 1) until it returns a reply that is not retried, throws an
   * error that is not retried, or the retries are spent. Returns the last reply.
   */
  async run<R extends RetryableReply>(
    path: string,
    attempt: (n: number) => Promise<R>,
  ): Promise<R> {
    let seen500 = 0;
    for (let n = 1; ; n += 1) {
      const retriesLeft = this.maxRetries - (n - 1);
      let reply: R;
      try {
        reply = await attempt(n);
      } catch (error) {
        const delayMs = retriesLeft > 0 ? this.#delayForError(error, n) : undefined;
        if (delayMs === undefined) throw error;
        await this.#wait(path, n, delayMs, { errorCode: networkErrorCode(error) });
        continue;
      }

      if (reply.status === 500) seen500 += 1;
      const delayMs = retriesLeft > 0 ? this.#delayForReply(reply, n, seen500) : undefined;
      if (delayMs === undefined) return reply;
      await this.#wait(path, n, delayMs, { status: reply.status });
    }
  }

  /** Returns the delay before retrying `reply`, or undefined when it is final. */
  #delayForReply(reply: RetryableReply, n: number, seen500: number): number | undefined {
    const retried =
      RETRIED_STATUSES.has(reply.status) || (reply.status === 500 && seen500 <= MAX_RETRIES_ON_500);
    if (!retried) return undefined;

    const retryAfter = parseRetryAfter(reply.headers['retry-after'], this.#env.now());
    if (retryAfter === undefined) return this.backoff(n);
    return retryAfter <= this.maxDelayMs ? retryAfter : undefined;
  }

  /**
   * Returns the delay before retrying a thrown error, or undefined when it is final. The first
   * retry after a closed socket is immediate because a new connection fixes it.
   */
  #delayForError(error: unknown, n: number): number | undefined {
    const code = networkErrorCode(error);
    if (!code || !RETRIED_NETWORK_CODES.has(code)) return undefined;
    return n === 1 ? 0 : this.backoff(n - 1);
  }

  /**
   * Returns the capped exponential backoff before retry `n` (1-based), with "equal jitter":
   * half the step is fixed and half random, so the delay is never 0 ms.
   */
  backoff(n: number): number {
    const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (n - 1));
    const random = this.#env.random ?? Math.random;
    return Math.max(1, Math.round(step / 2 + (random() * step) / 2));
  }

  async #wait(path: string, n: number, delayMs: number, why: Record<string, unknown>) {
    const fields = { path, attempt: n, delayMs, ...why };
    const logger = this.#env.logger;
    if (why.status !== undefined) {
      const message = `Atlas returned ${why.status}; retrying in ${delayMs} ms.`;
      logger.warn('atlas.retry', message, fields);
    } else {
      logger.info('atlas.retry', 'The connection to Atlas closed; retrying the GET.', fields);
    }
    await this.#env.sleep(delayMs);
  }
}
