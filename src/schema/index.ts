/**
 * The subgraph schema: every `schema/*.graphql` file, in file-name order, with the resolvers
 * of each domain merged into one map.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { queryResolvers } from './resolvers/query.js';
import { organisationResolvers } from './resolvers/organisation.js';
import { projectResolvers } from './resolvers/project.js';
import { clusterResolvers } from './resolvers/cluster.js';
import { databaseUserResolvers } from './resolvers/database-user.js';
import { teamResolvers } from './resolvers/team.js';
import { organisationUserResolvers } from './resolvers/organisation-user.js';
import { complianceResolvers } from './compliance.js';
import { employeeResolvers } from './employee.js';
import { securityResolvers } from './security/index.js';

/** Folder holding the SDL files; found from this module so `dist/` and `src/` both work. */
export function schemaDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, 'schema');
    try {
      if (readdirSync(candidate).some((file) => file.endsWith('.graphql'))) return candidate;
    } catch {
      // Not here; look one level up.
    }
    dir = resolve(dir, '..');
  }
  throw new Error('Cannot find the schema/ folder with the .graphql files next to the build.');
}

/** Reads and concatenates every SDL file, in file-name order. */
export function loadTypeDefsSource(directory = schemaDirectory()): string {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(join(directory, file), 'utf8'))
    .join('\n');
}

/** Parses the SDL files into one document. */
export function loadTypeDefs(directory?: string): DocumentNode {
  return parse(loadTypeDefsSource(directory));
}

type ResolverMap = Record<string, Record<string, unknown>>;

/** Merges resolver maps type by type; a field defined twice is a programming error. */
export function mergeResolvers(maps: readonly ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const target = (merged[typeName] ??= {});
      for (const [field, resolver] of Object.entries(fields)) {
        if (field in target) throw new Error(`Resolver ${typeName}.${field} is defined twice.`);
        target[field] = resolver;
      }
    }
  }
  return merged;
}

/** Every resolver of the subgraph. */
export const resolvers = mergeResolvers([
  queryResolvers,
  organisationResolvers,
  projectResolvers,
  clusterResolvers,
  databaseUserResolvers,
  teamResolvers,
  organisationUserResolvers,
  complianceResolvers as ResolverMap,
  employeeResolvers as ResolverMap,
  securityResolvers,
]);

/** Builds the federated subgraph schema from the SDL files and the resolvers. */
export function createSubgraphSchema(directory?: string): GraphQLSchema {
  return buildSubgraphSchema([
    { typeDefs: loadTypeDefs(directory), resolvers: resolvers as GraphQLResolverMap<unknown> },
  ]);
}
