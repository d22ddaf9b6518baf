/**
 * A small node:http front for an `ApolloServer`: GraphQL at `/graphql`, `GET /healthz`, and
 * any extra JSON routes a caller adds. The standalone server of @apollo/server 5 cannot serve
 * extra routes, so the gateway and the example directory subgraph use this instead.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Largest request body accepted, in bytes. Larger bodies get 413. */
const MAX_BODY_BYTES = 1_000_000;

/** A handler for one extra `GET` route. Its return value is sent as JSON with status 200. */
export type JsonRoute = () => unknown;

/** Options for `startGraphQLHttpServer`. */
export interface GraphQLHttpServerOptions {
  /** A started ApolloServer (`await server.start()` done by the caller). */
  apollo: ApolloServer<BaseContext>;
  /** Port to listen on, or 0 for a free one. */
  port: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Extra `GET` routes by exact path, for example `/__directory/stats`. */
  routes?: Record<string, JsonRoute>;
  /** `GET /healthz` returns 200 only while this returns true. Default: always ready. */
  isReady?: () => boolean;
}

/** A listening server and how to stop it. */
export interface RunningHttpServer {
  /** Base URL, for example `http://127.0.0.1:4000`. */
  origin: string;
  port: number;
  /** Stops accepting connections and closes idle keep-alive sockets. */
  close(): Promise<void>;
}

/** Starts an HTTP server that routes `/graphql` to `apollo` and resolves once it listens. */
export async function startGraphQLHttpServer(
  options: GraphQLHttpServerOptions,
): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server = http.createServer((req, res) => {
    handleRequest(options, req, res).catch((error: unknown) => {
      // Only a bug in this adapter gets here, so the client gets a generic message.
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error.' });
      else res.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handleRequest(
  options: GraphQLHttpServerOptions,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/healthz') {
    const ready = options.isReady?.() ?? true;
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
    return;
  }
  const route = options.routes?.[url.pathname];
  if (req.method === 'GET' && route) {
    sendJson(res, 200, route());
    return;
  }
  if (url.pathname !== '/graphql') {
    sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}; use /graphql.` });
    return;
  }
  await forwardToApollo(options.apollo, req, res, url.search);
}

async function forwardToApollo(
  apollo: ApolloServer<BaseContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  search: string,
): Promise<void> {
  const body = await readJsonBody(req);
  if (body instanceof Error) {
    sendJson(res, body.message.includes('too large') ? 413 : 400, { error: body.message });
    return;
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
    context: async () => ({}),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Reads a JSON body. Returns undefined for an empty body and an Error for a bad one. */
async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      return new Error(`Request body too large: the limit is ${MAX_BODY_BYTES} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  // Apollo Server rejects non-JSON POSTs itself (CSRF prevention), so pass the raw text on.
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new Error('Request body is not valid JSON.');
  }
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(value));
}
