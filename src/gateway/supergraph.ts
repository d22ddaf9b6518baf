/**
 * Composes the Atlas subgraph with the example directory subgraph into a supergraph, reading
 * the SDL files directly so no server needs to run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { projectRoot } from './paths.js';

/** Subgraph name of this product in the supergraph, and the name to publish it under. */
export const ATLAS_SUBGRAPH_NAME = 'atlas';

/** Subgraph name of the example people directory. */
export const DIRECTORY_SUBGRAPH_NAME = 'directory';

/** Routing URLs written into the supergraph's `join__Graph` entries. */
export interface SubgraphUrls {
  atlas: string;
  directory: string;
}

/** One composition error or hint, reduced to what a person needs to fix it. */
export interface CompositionMessage {
  code: string;
  message: string;
}

/** A successful composition. */
export interface ComposedSupergraph {
  supergraphSdl: string;
  hints: CompositionMessage[];
}

/** Composition failed. `errors` lists every error composition reported. */
export class CompositionFailedError extends Error {
  readonly errors: CompositionMessage[];

  constructor(errors: CompositionMessage[]) {
    super(`Supergraph composition failed with ${errors.length} error(s): ` +
      errors.map((error) => `[${error.code}] ${error.message}`).join('; '));
    this.name = 'CompositionFailedError';
    this.errors = errors;
  }
}

/**
 * Reads every `schema/*.graphql` file in file-name order and joins them, the same way the
 * subgraph server loads its SDL.
 */
export function readAtlasSubgraphSdl(root: string = projectRoot(import.meta.url)): string {
  const directory = path.join(root, 'schema');
  return readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(directory, file), 'utf8'))
    .join('\n');
}

/** Reads the example directory subgraph's SDL. */
export function readDirectorySubgraphSdl(root: string = projectRoot(import.meta.url)): string {
  return readFileSync(path.join(root, 'examples', 'directory', 'schema.graphql'), 'utf8');
}

/** Builds the default routing URLs for subgraphs on loopback ports. */
export function loopbackSubgraphUrls(atlasPort: number, directoryPort: number): SubgraphUrls {
  return {
    atlas: `http://127.0.0.1:${atlasPort}/graphql`,
    directory: `http://127.0.0.1:${directoryPort}/graphql`,
  };
}

/**
 * Composes both subgraphs with `@apollo/composition`. Throws `CompositionFailedError` with every
 * error when composition fails. A GraphQL syntax error in an SDL file throws from `parse`.
 */
export function composeSupergraph(urls: SubgraphUrls, root?: string): ComposedSupergraph {
  const result = composeServices([
    { name: ATLAS_SUBGRAPH_NAME, url: urls.atlas, typeDefs: parse(readAtlasSubgraphSdl(root)) },
    {
      name: DIRECTORY_SUBGRAPH_NAME,
      url: urls.directory,
      typeDefs: parse(readDirectorySubgraphSdl(root)),
    },
  ]);
  if (result.errors) {
    throw new CompositionFailedError(
      result.errors.map((error) => ({
        code: String(error.extensions.code ?? 'UNKNOWN'),
        message: error.message,
      })),
    );
  }
  return {
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => ({ code: hint.definition.code, message: hint.message })),
  };
}
