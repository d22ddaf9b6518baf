/**
 * HTTP Digest authentication (RFC 7616, MD5 with `qop=auth`) for Atlas API keys.
 *
 * One `DigestSession` exists per credential and contains the only nonce state, so every request
 * signed with one key shares a nonce and a nonce count (`nc`). The count is incremented in the
 * same synchronous step that builds the header, so two concurrent requests never send the same
 * `nc` for one nonce.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The parameters of one `WWW-Authenticate: Digest …` challenge this module supports. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  /** `MD5` or `MD5-sess`, the only algorithms implemented here. */
  algorithm: 'MD5' | 'MD5-sess';
  /** True when the server accepted the digest but the nonce expired. */
  stale: boolean;
}

/** A response as far as the digest handshake needs it. */
export interface DigestReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Sends one request. `authorization` is undefined for the first, unsigned request that
 * collects the challenge.
 */
export type DigestSend<R extends DigestReply> = (authorization: string | undefined) => Promise<R>;

/** The largest value `nc` can take in 8 hex digits. */
const MAX_NONCE_COUNT = 0xffffffff;

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** Parses `key=value` and `key="quoted value"` pairs of one auth scheme. */
function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const match of text.matchAll(pattern)) {
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3];
    params.set(match[1].toLowerCase(), value);
  }
  return params;
}

/**
 * Finds the Digest challenge in `WWW-Authenticate` header values. Returns undefined when there
 * is none, or when it requires an algorithm or qop this module does not implement.
 */
export function parseDigestChallenge(
  header: string | string[] | undefined,
): DigestChallenge | undefined {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const digest = values.find((value) => /^\s*digest\s/i.test(value));
  if (!digest) return undefined;

  const params = parseAuthParams(digest.replace(/^\s*digest\s+/i, ''));
  const nonce = params.get('nonce');
  const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
  const qops = (params.get('qop') ?? '').split(',').map((qop) => qop.trim().toLowerCase());
  if (!nonce || !qops.includes('auth')) return undefined;
  if (algorithm !== 'MD5' && algorithm !== 'MD5-SESS') return undefined;

  return {
    realm: params.get('realm') ?? '',
    nonce,
    opaque: params.get('opaque'),
    algorithm: algorithm === 'MD5' ? 'MD5' : 'MD5-sess',
    stale: params.get('stale')?.toLowerCase() === 'true',
  };
}

/** Quotes a value for an auth-param, escaping `"` and `\`. */
const quote = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** Shared digest state for one credential: the current nonce, its count and the challenge gate. */
export class DigestSession {
  readonly #username: string;
  readonly #password: string;
  #challenge: DigestChallenge | undefined;
  #nonceCount = 0;
  /** Settles when the in-flight unsigned request that fetches a challenge has finished. */
  #pendingChallenge: Promise<void> | undefined;

  constructor(username: string, password: string) {
    this.#username = username;
    this.#password = password;
  }

  /** The nonce requests are signed with now, if a challenge was received. */
  get nonce(): string | undefined {
    return this.#challenge?.nonce;
  }

  /** Stores a challenge. A nonce different from the current one restarts `nc` at 1. */
  adopt(challenge: DigestChallenge): void {
    if (this.#challenge?.nonce !== challenge.nonce) this.#nonceCount = 0;
    this.#challenge = challenge;
  }

  /**
   * Builds the `Authorization` header for `GET uri`, where `uri` is the request-target exactly
   * as sent (path and query). Each call uses the next `nc` and a fresh random `cnonce`.
   */
  authorize(method: string, uri: string): string {
    const challenge = this.#challenge;
    if (!challenge) throw new Error('No digest challenge has been received yet.');
    this.#nonceCount += 1;
    const nc = this.#nonceCount.toString(16).padStart(8, '0');
    const cnonce = randomBytes(16).toString('hex');

    let ha1 = md5(`${this.#username}:${challenge.realm}:${this.#password}`);
    if (challenge.algorithm === 'MD5-sess') ha1 = md5(`${ha1}:${challenge.nonce}:${cnonce}`);
    const ha2 = md5(`${method}:${uri}`);
    const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);

    // The count cannot go past 8 hex digits, so the next request fetches a new nonce.
    if (this.#nonceCount >= MAX_NONCE_COUNT) this.#challenge = undefined;

    const parts = [
      `username=${quote(this.#username)}`,
      `realm=${quote(challenge.realm)}`,
      `nonce=${quote(challenge.nonce)}`,
      `uri=${quote(uri)}`,
      `algorithm=${challenge.algorithm}`,
      'qop=auth',
      `nc=${nc}`,
      `cnonce=${quote(cnonce)}`,
      `response=${quote(response)}`,
    ];
    if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }

  /**
   * Runs one authenticated GET of `uri` through `send` and returns the final reply.
   *
   * Without a nonce, one caller sends the unsigned request and the others wait for its
   * challenge. After a 401 with `stale=true`, the request is signed again with the new nonce
   * and sent once more. Any other 401 is final. So a signed exchange sends at most two
   * requests. The caller that fetches the challenge sends at most three, because concurrent
   * requests can use up the nonce before its own signed request arrives.
   */
  async exchange<R extends DigestReply>(uri: string, send: DigestSend<R>): Promise<R> {
    if (!this.#challenge) {
      if (this.#pendingChallenge) await this.#pendingChallenge;
      if (!this.#challenge) {
        const first = await this.#fetchChallenge(send);
        if (first) return first;
      }
    }

    const signed = await send(this.authorize('GET', uri));
    if (signed.status !== 401) return signed;
    const challenge = parseDigestChallenge(signed.headers['www-authenticate']);
    if (!challenge) return signed;

    // A new nonce is kept for later requests even when this 401 is final.
    this.adopt(challenge);
    if (!challenge.stale) return signed;
    return send(this.authorize('GET', uri));
  }

  /**
   * Sends the unsigned request while holding the challenge gate. Returns the reply when it
   * carries no usable challenge (it is then final), or undefined after adopting the challenge.
   */
  async #fetchChallenge<R extends DigestReply>(send: DigestSend<R>): Promise<R | undefined> {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    this.#pendingChallenge = gate;
    try {
      const reply = await send(undefined);
      const challenge =
        reply.status === 401 ? parseDigestChallenge(reply.headers['www-authenticate']) : undefined;
      if (!challenge) return reply;
      this.adopt(challenge);
      return undefined;
    } finally {
      if (this.#pendingChallenge === gate) this.#pendingChallenge = undefined;
      release();
    }
  }
}
