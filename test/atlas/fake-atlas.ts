/**
 * A small loopback stand-in for the Atlas Admin API that checks HTTP Digest auth strictly.
 * It verifies the `response` hash and that `uri` equals the request-target. It rejects an
 * `nc` that is not 8 hex digits or was already used with the nonce, and it can expire nonces
 * after a set number of uses.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Request-target: path and query exactly as sent. */
  url: string;
  /** Path relative to `/api/atlas/v2`, with the query. */
  apiPath: string;
  accept?: string;
  authorization?: string;
  /** Parsed digest parameters when the request was signed. */
  digest?: Record<string, string>;
  /** Connection number, from 1, and the request's position on that connection, from 1. */
  connection: number;
  requestOnConnection: number;
}

/** What a route sends back. */
export type FakeReply =
  | { status: number; body?: unknown; headers?: Record<string, string>; rawBody?: string }
  | { hang: true }
  | { destroy: true };

/** Decides the reply for a request that passed the digest check. */
export type Route = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** Settings for `startFakeAtlas`. */
export interface FakeAtlasOptions {
  route: Route;
  /** Public key to private key. Default `{ 'pub-test': 'priv-test' }`. */
  keys?: Record<string, string>;
  /** Signed requests a nonce accepts before it expires. Default unlimited. */
  usesPerNonce?: number;
  /** When set, every signed request gets this 401 body instead of reaching the route. */
  rejectAllSigned?: boolean;
  /** Closes a keep-alive connection after it has been idle this long, without notice. */
  idleCloseMs?: number;
}

/** A running fake and what it observed. */
export interface FakeAtlas {
  baseUrl: string;
  requests: RecordedRequest[];
  /** 401 replies carrying a `WWW-Authenticate` challenge. */
  challenges: number;
  /** Every nonce the fake has handed out, in order. */
  noncesIssued: string[];
  /** Signed requests rejected for reusing an `nc` on one nonce. */
  replays: number;
  connections: number;
  close(): Promise<void>;
}

const REALM = 'MMS Public API';
const UNAUTHORIZED_BODY = {
  error: 401,
  reason: 'Unauthorized',
  detail: 'You are not authorized for this resource.',
};

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Parses a `Digest` Authorization header into its parameters. */
export function parseDigestHeader(header: string): Record<string, string> {
  const params: Record<string, string> = {};
  const pattern = /([a-z]+)=(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi;
  for (const match of header.replace(/^Digest\s+/i, '').matchAll(pattern)) {
    const quoted = match[2]?.replace(/\\(.)/g, '$1');
    params[match[1].toLowerCase()] = quoted ?? match[3];
  }
  return params;
}

/** Starts a fake on 127.0.0.1 with an ephemeral port. */
export async function startFakeAtlas(options: FakeAtlasOptions): Promise<FakeAtlas> {
  const keys = options.keys ?? { 'pub-test': 'priv-test' };
  const usesPerNonce = options.usesPerNonce ?? Number.POSITIVE_INFINITY;
  const seenNc = new Map<string, Set<string>>();
  let currentNonce = '';
  let usesOfCurrent = 0;
  const requestsPerSocket = new WeakMap<Socket, { id: number; count: number }>();

  const fake: FakeAtlas = {
    baseUrl: '',
    requests: [],
    challenges: 0,
    noncesIssued: [],
    replays: 0,
    connections: 0,
    close: async () => {},
  };

  const issueNonce = () => {
    currentNonce = `n${fake.noncesIssued.length + 1}`;
    usesOfCurrent = 0;
    fake.noncesIssued.push(currentNonce);
  };

  const challenge = (res: ServerResponse, stale: boolean) => {
    if (!currentNonce) issueNonce();
    fake.challenges += 1;
    const header =
      `Digest realm="${REALM}", domain="", nonce="${currentNonce}", algorithm=MD5, ` +
      `qop="auth", stale=${stale}`;
    send(res, { status: 401, body: UNAUTHORIZED_BODY, headers: { 'www-authenticate': header } });
  };

  /** Returns null when the digest is valid, or whether the 401 carries stale=true. */
  const checkDigest = (req: IncomingMessage, digest: Record<string, string>) => {
    const password = keys[digest.username];
    if (!password || digest.realm !== REALM || digest.uri !== req.url) return { stale: false };
    if (digest.qop !== 'auth' || !/^[0-9a-f]{8}$/.test(digest.nc ?? '') || !digest.cnonce) {
      return { stale: false };
    }
    const ha1 = md5(`${digest.username}:${REALM}:${password}`);
    const ha2 = md5(`${req.method}:${digest.uri}`);
    const expected = md5(`${ha1}:${digest.nonce}:${digest.nc}:${digest.cnonce}:auth:${ha2}`);
    if (digest.response !== expected) return { stale: false };
    if (!fake.noncesIssued.includes(digest.nonce)) return { stale: false };
    if (digest.nonce !== currentNonce) return { stale: true };
    // Counts are tracked per key and nonce, because every key is handed the same nonce.
    const usedKey = `${digest.username} ${digest.nonce}`;
    const used = seenNc.get(usedKey) ?? new Set<string>();
    seenNc.set(usedKey, used);
    if (used.has(digest.nc)) {
      fake.replays += 1;
      return { stale: false };
    }
    used.add(digest.nc);
    return null;
  };

  const server = createServer(async (req, res) => {
    const socketInfo = requestsPerSocket.get(req.socket)!;
    socketInfo.count += 1;
    const authorization = req.headers.authorization;
    const url = req.url ?? '';
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      url,
      apiPath: url.replace(/^\/api\/atlas\/v2/, ''),
      accept: req.headers.accept,
      authorization,
      digest: authorization ? parseDigestHeader(authorization) : undefined,
      connection: socketInfo.id,
      requestOnConnection: socketInfo.count,
    };
    fake.requests.push(recorded);

    if (!recorded.digest) return challenge(res, false);
    const failure = checkDigest(req, recorded.digest);
    if (failure) return challenge(res, failure.stale);
    if (options.rejectAllSigned) return challenge(res, false);
    usesOfCurrent += 1;
    if (usesOfCurrent >= usesPerNonce) issueNonce();

    const reply = await options.route(recorded);
    if ('hang' in reply) return;
    if ('destroy' in reply) return req.socket.destroy();
    send(res, reply);
  });

  server.on('connection', (socket) => {
    fake.connections += 1;
    requestsPerSocket.set(socket, { id: fake.connections, count: 0 });
    if (options.idleCloseMs !== undefined) closeWhenIdle(server, socket, options.idleCloseMs);
  });
  // A long advertised keep-alive keeps the client reusing sockets the fake may close early.
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** Destroys `socket` once no request has arrived on it for `idleMs`. */
function closeWhenIdle(server: ReturnType<typeof createServer>, socket: Socket, idleMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => socket.destroy(), idleMs);
  };
  arm();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.socket !== socket) return;
    clearTimeout(timer);
    res.on('finish', arm);
  });
  socket.on('close', () => clearTimeout(timer));
}

/** A reply that is sent, as opposed to a hang or a dropped connection. */
type SentReply = Extract<FakeReply, { status: number }>;

function send(res: ServerResponse, reply: SentReply) {
  const body = reply.rawBody ?? JSON.stringify(reply.body ?? {});
  res.writeHead(reply.status, {
    'content-type': reply.rawBody === undefined ? 'application/json' : 'text/html',
    ...reply.headers,
  });
  res.end(body);
}

/** A paged envelope as Atlas returns it, with `self` and, when more follow, `next` links. */
export function pageOf<T>(
  all: readonly T[],
  request: RecordedRequest,
  options: { totalCount?: number; omitNext?: boolean } = {},
) {
  const query = new URL(request.url, 'http://fake').searchParams;
  const perPage = Number(query.get('itemsPerPage') ?? 100);
  const pageNum = Number(query.get('pageNum') ?? 1);
  const results = all.slice((pageNum - 1) * perPage, pageNum * perPage);
  const links = [{ rel: 'self', href: `http://fake${request.url}` }];
  if (pageNum * perPage < all.length && !options.omitNext) {
    links.push({ rel: 'next', href: `http://fake${request.url}&next` });
  }
  return { results, totalCount: options.totalCount ?? all.length, links };
}
