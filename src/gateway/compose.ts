/**
 * `npm run compose`: composes the Atlas subgraph (schema/*.graphql) with the example directory
 * subgraph and writes `supergraph.graphql` at the project root. Routing URLs use loopback and
 * the ports in `SUBGRAPH_PORT` (default 4001) and `DIRECTORY_PORT` (default 4002).
 *
 * Prints every composition hint, and on failure every error with its code, then exits 1.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.js';
import { parsePortEnv } from './ports.js';
import { CompositionFailedError, composeSupergraph, loopbackSubgraphUrls } from './supergraph.js';

function main(): number {
  const urls = loopbackSubgraphUrls(
    parsePortEnv('SUBGRAPH_PORT', 4001),
    parsePortEnv('DIRECTORY_PORT', 4002),
  );
  try {
    const { supergraphSdl, hints } = composeSupergraph(urls);
    const target = path.join(projectRoot(import.meta.url), 'supergraph.graphql');
    writeFileSync(target, supergraphSdl);
    for (const hint of hints) process.stdout.write(`hint [${hint.code}] ${hint.message}\n`);
    process.stdout.write(
      `Composed atlas (${urls.atlas}) and directory (${urls.directory}) with ` +
        `${hints.length} hint(s); wrote ${target}.\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CompositionFailedError)) throw error;
    for (const item of error.errors) process.stderr.write(`error [${item.code}] ${item.message}\n`);
    process.stderr.write(
      `Composition failed with ${error.errors.length} error(s); supergraph.graphql was not ` +
        'written. Fix the SDL in schema/ or examples/directory/schema.graphql and rerun.\n',
    );
    return 1;
  }
}

process.exitCode = main();
