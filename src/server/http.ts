/**
 * The HTTP front: GraphQL at `/graphql` through Apollo Server's HTTP integration API, plus
 * `GET /healthz` and `GET /metrics`. Built on node:http so it carries no web framework.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../observability/logger.js';
import type { GraphQLContext } from '../schema/context.js';
import { createErrorFormatter } from './errors.js';
import { atlasCallStatsPlugin } from './plugins/atlas-call-stats.js';
import { depthLimitRule, fieldCountRule, guardEntitiesResolver } from './plugins/operation-limits.js';
import type { ServerSettings } from './settings.js';
import type { Metrics } from './metrics.js';

/** Largest request body accepted, in bytes. */
const MAX_BODY_BYTES = 1_000_000;

/** Options for `startHttpServer`. */
export interface HttpServerOptions {
  schema: GraphQLSchema;
  port: number;
  host: string;
  introspection: boolean;
  logger: Logger;
  metrics: Metrics;
  settings: ServerSettings;
  /** Builds the context of one operation. */
  createContext: () => GraphQLContext;
}

/** A started server. */
export interface RunningHttpServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Reads the body, rejecting bodies over the size limit. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a GraphQL-shaped error response. */
function sendError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
}

/** Parses the request-target; null when it is not a valid origin-form path. */
function parseRequestUrl(target: string | undefined): URL | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return null;
  }
}

/** Converts a node request into Apollo's HTTPGraphQLRequest; throws SyntaxError on bad JSON. */
async function toGraphQLRequest(req: IncomingMessage, url: URL): Promise<HTTPGraphQLRequest> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const raw = req.method === 'POST' ? await readBody(req) : '';
  const isJson = (headers.get('content-type') ?? '').includes('json');
  const body = raw && isJson ? JSON.parse(raw) : raw || undefined;
  return { method: req.method ?? 'GET', headers, search: url.search, body };
}

/** Starts Apollo Server and the HTTP listener. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger, metrics } = options;
  guardEntitiesResolver(options.schema, options.settings.maxEntityRepresentations);
  const apollo = new ApolloServer<GraphQLContext>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // main.ts owns signal handling and closes the listener first; a second handler here races it.
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter(logger),
    validationRules: [
      depthLimitRule(options.settings.maxQueryDepth),
      fieldCountRule(options.settings.maxQueryFields),
    ],
    plugins: [atlasCallStatsPlugin(logger, metrics)],
    logger: {
      debug: (message) => logger.debug('apollo.debug', String(message)),
      // Apollo's info lines are start-up notices (inline tracing), noise at the default level.
      info: (message) => logger.debug('apollo.info', String(message)),
      warn: (message) => logger.warn('apollo.warn', String(message)),
      error: (message) => logger.error('apollo.error', String(message)),
    },
  });
  await apollo.start();
  let ready = false;

  const server = createServer(async (req, res) => {
    try {
      const url = parseRequestUrl(req.url);
      if (!url) return sendError(res, 400, 'Invalid request target: send requests to /graphql.');
      if (url.pathname === '/healthz' && req.method === 'GET') {
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
        return;
      }
      if (url.pathname === '/metrics' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(metrics.render());
        return;
      }
      if (url.pathname !== '/graphql') {
        sendError(res, 404, `No route for ${url.pathname}: GraphQL is served at /graphql.`);
        return;
      }
      await serveGraphQL(req, res, url);
    } catch (error) {
      if (error instanceof SyntaxError) return sendError(res, 400, 'Invalid JSON in the request body.');
      if (error instanceof RangeError) return sendError(res, 413, error.message);
      logger.error('http.internal_error', 'Failed to serve an HTTP request.', { error: String(error) });
      if (!res.headersSent) sendError(res, 500, 'Internal server error.');
      else res.end();
    }
  });

  /** Hands one request to Apollo and streams its response back. */
  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, url: URL) {
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: await toGraphQLRequest(req, url),
      context: async () => options.createContext(),
    });
    const headers: Record<string, string> = {};
    for (const [key, value] of response.headers) headers[key] = value;
    res.writeHead(response.status ?? 200, headers);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  ready = true;
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  return {
    url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/graphql`,
    port,
    server,
    close: async () => {
      ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
