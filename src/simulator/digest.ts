/**
 * Server side of HTTP Digest authentication (RFC 7616, MD5, qop=auth), as Atlas does it for
 * API keys. Nonces carry their issue time and an HMAC, so an expired nonce is recognised as
 * stale without keeping it in memory. Only the nonce counts of live nonces are stored.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The realm Atlas sends in its challenge. */
export const DIGEST_REALM = 'MMS Public API';

/** Parsed `Authorization: Digest …` parameters. */
export type DigestParams = Record<string, string>;

/** Outcome of checking one request's Authorization header. */
export type DigestVerdict =
  | { ok: true; publicKey: string }
  | { ok: false; stale: boolean; reason: string };

/** Options for `DigestVerifier`. */
export interface DigestVerifierOptions {
  /** Looks up the private key for a public key; undefined when the key is unknown. */
  privateKeyFor: (publicKey: string) => string | undefined;
  /** Nonce lifetime in milliseconds. */
  nonceTtlMs: number;
  /** Clock in epoch milliseconds. */
  now: () => number;
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** Parses the parameters of a Digest Authorization header; undefined for another scheme. */
export function parseDigestHeader(header: string | undefined): DigestParams | undefined {
  if (!header) return undefined;
  const match = /^Digest\s+(.*)$/is.exec(header.trim());
  if (!match) return undefined;
  const params: DigestParams = {};
  // A value is either a quoted string with backslash escapes or a bare token.
  const pair = /\s*([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,|$)/gy;
  let part: RegExpExecArray | null;
  while ((part = pair.exec(match[1])) !== null) {
    const quoted = part[2]?.replace(/\\(.)/g, '$1');
    params[part[1].toLowerCase()] = quoted ?? part[3] ?? '';
    if (pair.lastIndex >= match[1].length) break;
  }
  return params;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Issues nonces, builds challenges and verifies Digest responses. */
export class DigestVerifier {
  readonly #options: DigestVerifierOptions;
  readonly #secret = randomBytes(32);
  /** Nonce → nonce counts already used with it. Pruned when the nonce expires. */
  readonly #usedCounts = new Map<string, { issuedAt: number; counts: Set<string> }>();
  #lastPrune = 0;

  constructor(options: DigestVerifierOptions) {
    this.#options = options;
  }

  /** Creates a fresh nonce: issue time in hex, a random part and an HMAC over both. */
  issueNonce(): string {
    const body = `${this.#options.now().toString(16)}.${randomBytes(12).toString('hex')}`;
    return `${body}.${this.#sign(body)}`;
  }

  /** Builds the `WWW-Authenticate` value Atlas sends with a 401. */
  challenge(stale: boolean): string {
    return (
      `Digest realm="${DIGEST_REALM}", domain="", nonce="${this.issueNonce()}", ` +
      `algorithm=MD5, qop="auth", stale=${stale}`
    );
  }

  /**
   * Verifies a request. `requestTarget` is the path and query exactly as the client sent them,
   * and `uri` in the header must equal it byte for byte.
   */
  verify(header: string | undefined, method: string, requestTarget: string): DigestVerdict {
    const params = parseDigestHeader(header);
    if (!params) return { ok: false, stale: false, reason: 'missing Digest authorization' };
    const malformed = this.#checkParams(params, requestTarget);
    if (malformed) return { ok: false, stale: false, reason: malformed };

    const privateKey = this.#options.privateKeyFor(params.username);
    if (privateKey === undefined) return { ok: false, stale: false, reason: 'unknown public key' };
    const expected = this.#expectedResponse(params, method, privateKey);
    if (!sameText(expected, params.response.toLowerCase())) {
      return { ok: false, stale: false, reason: 'digest response does not match' };
    }
    return this.#checkNonce(params);
  }

  #checkParams(params: DigestParams, requestTarget: string): string | undefined {
    for (const name of ['username', 'realm', 'nonce', 'uri', 'response', 'qop', 'nc', 'cnonce']) {
      if (!params[name]) return `missing ${name}`;
    }
    if (params.realm !== DIGEST_REALM) return 'wrong realm';
    if (params.qop !== 'auth') return 'qop is not auth';
    if (params.algorithm && params.algorithm.toUpperCase() !== 'MD5') return 'algorithm is not MD5';
    if (!/^[0-9a-fA-F]{8}$/.test(params.nc)) return 'nc is not 8 hex digits';
    if (params.uri !== requestTarget) return 'uri does not equal the request target';
    return undefined;
  }

  #expectedResponse(params: DigestParams, method: string, privateKey: string): string {
    const ha1 = md5(`${params.username}:${DIGEST_REALM}:${privateKey}`);
    const ha2 = md5(`${method}:${params.uri}`);
    return md5(`${ha1}:${params.nonce}:${params.nc}:${params.cnonce}:${params.qop}:${ha2}`);
  }

  #checkNonce(params: DigestParams): DigestVerdict {
    const issuedAt = this.#nonceIssueTime(params.nonce);
    if (issuedAt === undefined) return { ok: false, stale: false,
      reason: 'nonce was not issued here' };
    const now = this.#options.now();
    if (now - issuedAt >= this.#options.nonceTtlMs) {
      return { ok: false, stale: true, reason: 'nonce expired' };
    }
    this.#prune(now);
    let entry = this.#usedCounts.get(params.nonce);
    if (!entry) {
      entry = { issuedAt, counts: new Set() };
      this.#usedCounts.set(params.nonce, entry);
    }
    // Concurrent requests on one nonce can arrive out of order, so any unused count is fine.
    const count = params.nc.toLowerCase();
    if (entry.counts.has(count)) return { ok: false, stale: false, reason: 'nonce count reused' };
    entry.counts.add(count);
    return { ok: true, publicKey: params.username };
  }

  #nonceIssueTime(nonce: string): number | undefined {
    const parts = nonce.split('.');
    if (parts.length !== 3) return undefined;
    const body = `${parts[0]}.${parts[1]}`;
    if (!sameText(this.#sign(body), parts[2])) return undefined;
    const issuedAt = Number.parseInt(parts[0], 16);
    return Number.isFinite(issuedAt) ? issuedAt : undefined;
  }

  #prune(now: number): void {
    // Pruning walks every live nonce, so it runs at most once a second.
    if (now - this.#lastPrune < 1000) return;
    this.#lastPrune = now;
    for (const [nonce, entry] of this.#usedCounts) {
      if (now - entry.issuedAt >= this.#options.nonceTtlMs) this.#usedCounts.delete(nonce);
    }
  }

  #sign(body: string): string {
    return createHmac('sha256', this.#secret).update(body).digest('hex').slice(0, 32);
  }
}
