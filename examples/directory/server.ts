/**
 * EXAMPLE ONLY: the people-directory subgraph. It serves a fixed seed list from memory and counts
 * the `_entities` operations it receives, so tests can prove that the gateway batches entity
 * fetches.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../../src/gateway/paths.js';
import { startGraphQLHttpServer, type RunningHttpServer } from '../../src/gateway/http.js';
import { seedEmployees, type EmployeeRecord, type EmploymentStatus } from './data.js';

/** Counters served at `GET /__directory/stats`. */
export interface DirectoryStats {
  /** Operations whose root selection is `_entities` (one per gateway entity fetch). */
  entitiesCalls: number;
  /** Every GraphQL operation executed. */
  operations: number;
  /** Representations received over all `_entities` operations. */
  representations: number;
}

/** Options for `startDirectoryServer`. */
export interface DirectoryServerOptions {
  /** Port to listen on, or 0 for a free one. */
  port: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Clock (epoch ms) that the relative seed dates are computed from. Default `Date.now`. */
  now?: () => number;
}

/** A running directory subgraph. */
export interface DirectoryServer {
  /** GraphQL endpoint, for example `http://127.0.0.1:4002/graphql`. */
  url: string;
  stats: DirectoryStats;
  close(): Promise<void>;
}

/** Path of the directory SDL, read at startup and by the composition script. */
export function directorySchemaPath(): string {
  return path.join(projectRoot(import.meta.url), 'examples', 'directory', 'schema.graphql');
}

/** Looks people up by email, ignoring case. */
class Directory {
  private readonly byEmail = new Map<string, EmployeeRecord>();

  constructor(records: EmployeeRecord[]) {
    for (const record of records) this.byEmail.set(record.email.toLowerCase(), record);
  }

  find(email: string | null | undefined): EmployeeRecord | null {
    return email ? (this.byEmail.get(email.trim().toLowerCase()) ?? null) : null;
  }

  list(status?: EmploymentStatus | null): EmployeeRecord[] {
    return [...this.byEmail.values()]
      .filter((record) => !status || record.employmentStatus === status)
      .sort((a, b) => a.email.localeCompare(b.email));
  }
}

function createResolvers(directory: Directory) {
  return {
    Query: {
      employee: (_: unknown, args: { email: string }) => directory.find(args.email),
      employees: (_: unknown, args: { status?: EmploymentStatus | null }) =>
        directory.list(args.status),
    },
    Employee: {
      __resolveReference: (ref: { email: string }) => directory.find(ref.email),
      manager: (record: EmployeeRecord) => directory.find(record.managerEmail),
    },
    OrganisationUser: {
      __resolveReference: (ref: { username: string }) => ({ username: ref.username }),
      employee: (user: { username: string }) => directory.find(user.username),
    },
  };
}

/** Counts operations, and `_entities` operations with their representations, into `stats`. */
function statsPlugin(stats: DirectoryStats): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          stats.operations += 1;
          if (!operation || !isEntitiesOperation(operation)) return;
          stats.entitiesCalls += 1;
          // The gateway always sends representations as a variable, never inline.
          const representations = request.variables?.representations;
          if (Array.isArray(representations)) stats.representations += representations.length;
        },
      };
    },
  };
}

function isEntitiesOperation(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities',
  );
}

/** Starts the example directory subgraph on loopback. */
export async function startDirectoryServer(
  options: DirectoryServerOptions,
): Promise<DirectoryServer> {
  const now = options.now ?? Date.now;
  const directory = new Directory(seedEmployees(now()));
  const stats: DirectoryStats = { entitiesCalls: 0, operations: 0, representations: 0 };
  const typeDefs = parse(readFileSync(directorySchemaPath(), 'utf8'));
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers: createResolvers(directory) }),
    // No GraphOS usage reporting runs here, so federated traces would only cost bytes.
    plugins: [statsPlugin(stats), ApolloServerPluginInlineTraceDisabled()],
    // main.ts handles SIGINT and SIGTERM, and Apollo's own handler would race it.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  let http: RunningHttpServer;
  try {
    http = await startGraphQLHttpServer({
      apollo,
      port: options.port,
      host: options.host,
      routes: { '/__directory/stats': () => ({ ...stats }) },
    });
  } catch (error) {
    await apollo.stop();
    throw error;
  }
  return {
    url: `${http.origin}/graphql`,
    stats,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}
