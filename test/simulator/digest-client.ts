/**
 * A small HTTP Digest signer for the simulator tests. It is written here, apart from the
 * product's Atlas client, so the tests check the simulator against RFC 7616 independently.
 */
import { createHash, randomBytes } from 'node:crypto';
import { versionFor } from '../../src/atlas/versions.js';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Inputs of one Digest `Authorization` header. */
export interface DigestInput {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  uri: string;
  nc: number;
  method?: string;
  cnonce?: string;
}

/** Builds an RFC 7616 MD5 `Authorization` header with qop=auth. */
export function digestAuthorization(input: DigestInput): string {
  const method = input.method ?? 'GET';
  const nc = input.nc.toString(16).padStart(8, '0');
  const cnonce = input.cnonce ?? randomBytes(8).toString('hex');
  const ha1 = md5(`${input.username}:${input.realm}:${input.password}`);
  const ha2 = md5(`${method}:${input.uri}`);
  const response = md5(`${ha1}:${input.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${input.username}", realm="${input.realm}", nonce="${input.nonce}", ` +
    `uri="${input.uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", ` +
    `response="${response}"`;
}

/** Reads the parameters of a `WWW-Authenticate: Digest …` challenge. */
export function parseChallenge(header: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of (header ?? '').matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) {
    params[match[1]] = match[2] ?? match[3];
  }
  return params;
}

/** Options of one signed request. */
export interface SignedRequestOptions {
  accept?: string;
  method?: string;
  /** Signs this uri instead of the real request target. */
  signUri?: string;
  password?: string;
  nc?: number;
  nonce?: string;
}

/** The media type for an Atlas version date. */
export const atlasAccept = (version: string) => `application/vnd.atlas.${version}+json`;

/** Sends requests to a simulator with Digest auth, reusing one nonce with counting nc. */
export class DigestTestClient {
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  nonce?: string;
  nc = 0;

  constructor(baseUrl: string, username = 'pub-test', password = 'priv-test') {
    this.baseUrl = baseUrl;
    this.username = username;
    this.password = password;
  }

  /** Sends an unsigned request to obtain a fresh nonce. */
  async refreshNonce(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/api/atlas/v2/orgs`);
    await res.arrayBuffer();
    this.nonce = parseChallenge(res.headers.get('www-authenticate')).nonce;
    this.nc = 0;
    return this.nonce;
  }

  /** Sends a signed request for `pathAndQuery` (including `/api/atlas/v2`). */
  async request(pathAndQuery: string, options: SignedRequestOptions = {}): Promise<Response> {
    if (!this.nonce && !options.nonce) await this.refreshNonce();
    const url = new URL(pathAndQuery, this.baseUrl);
    const target = url.pathname + url.search;
    this.nc += 1;
    const authorization = digestAuthorization({
      username: this.username, password: options.password ?? this.password, realm: 'MMS Public API',
      nonce: options.nonce ?? this.nonce!, uri: options.signUri ?? target,
      nc: options.nc ?? this.nc, method: options.method,
    });
    return fetch(url, { method: options.method ?? 'GET', headers: {
      authorization, accept: options.accept ?? atlasAccept('2023-01-01') } });
  }

  /** Sends a signed GET (by default with the version `versions.ts` pins) and parses JSON. */
  async getJson(pathAndQuery: string, accept?: string): Promise<{ status: number; body: any;
    headers: Headers }> {
    const apiPath = new URL(pathAndQuery, this.baseUrl).pathname.replace('/api/atlas/v2', '');
    const res = await this.request(pathAndQuery,
      { accept: accept ?? atlasAccept(versionFor(apiPath || '/')) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }
}
