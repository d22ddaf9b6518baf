import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompositionFailedError,
  composeSupergraph,
  loopbackSubgraphUrls,
  readAtlasSubgraphSdl,
} from '../../src/gateway/supergraph.js';
import { ROOT, ensureBuilt } from './harness.js';

const urls = loopbackSubgraphUrls(4101, 4102);

describe('composeSupergraph', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'compose-test-'));
  });

  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('composes both subgraphs with no hints', () => {
    const { supergraphSdl, hints } = composeSupergraph(urls);

    expect(hints).toEqual([]);
    expect(supergraphSdl).toContain(
      'ATLAS @join__graph(name: "atlas", url: "http://127.0.0.1:4101/graphql")',
    );
    expect(supergraphSdl).toContain(
      'DIRECTORY @join__graph(name: "directory", url: "http://127.0.0.1:4102/graphql")',
    );
  });

  it('joins Employee and OrganisationUser', () => {
    const { supergraphSdl } = composeSupergraph(urls);

    const employeeType = supergraphSdl.slice(supergraphSdl.indexOf('type Employee\n'));
    expect(employeeType).toMatch(/^type Employee\s+@join__type\(graph: ATLAS, key: "email"\)/);
    expect(employeeType).toMatch(/^[^{]+@join__type\(graph: DIRECTORY, key: "email"\)/);
    expect(supergraphSdl).toContain('atlasAccess: AtlasAccess! @join__field(graph: ATLAS)');
    expect(supergraphSdl).toContain('employee: Employee @join__field(graph: DIRECTORY)');
    expect(supergraphSdl).toContain('@join__type(graph: DIRECTORY, key: "username")');
  });

  it('reads SDL files in name order', () => {
    const files = readdirSync(path.join(ROOT, 'schema'))
      .filter((file) => file.endsWith('.graphql'))
      .sort();
    const expected = files
      .map((file) => readFileSync(path.join(ROOT, 'schema', file), 'utf8'))
      .join('\n');

    expect(files).toContain('core.graphql');
    expect(files).toContain('employee.graphql');
    expect(readAtlasSubgraphSdl()).toBe(expected);
  });

  it('reports each error with its code', () => {
    const root = path.join(scratch, 'broken');
    cpSync(path.join(ROOT, 'schema'), path.join(root, 'schema'), { recursive: true });
    cpSync(path.join(ROOT, 'examples/directory'), path.join(root, 'examples/directory'), {
      recursive: true,
    });
    // `Employee.email` as an Int cannot merge with the Atlas subgraph's String key field.
    const directorySdl = path.join(root, 'examples/directory/schema.graphql');
    writeFileSync(
      directorySdl,
      readFileSync(directorySdl, 'utf8').replace(
        'type Employee @key(fields: "email") {\n  email: String!',
        'type Employee @key(fields: "email") {\n  email: Int!',
      ),
    );

    let failure: unknown;
    try {
      composeSupergraph(urls, root);
    } catch (error) {
      failure = error;
    }

    expect(failure).toBeInstanceOf(CompositionFailedError);
    const errors = (failure as CompositionFailedError).errors;
    expect(errors.map((error) => error.code)).toEqual(['FIELD_TYPE_MISMATCH']);
    expect(errors[0].message).toContain('"Employee.email"');
  });
});

describe('npm run compose script', () => {
  beforeAll(() => {
    ensureBuilt(['dist/src/gateway/compose.js']);
  });

  it('writes supergraph.graphql and exits 0', async () => {
    const env = { ...process.env };
    delete env.SUBGRAPH_PORT;
    delete env.DIRECTORY_PORT;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['dist/src/gateway/compose.js'],
      { cwd: ROOT, env },
    );

    expect(stdout).toContain('with 0 hint(s)');
    const written = readFileSync(path.join(ROOT, 'supergraph.graphql'), 'utf8');
    expect(written).toBe(composeSupergraph(loopbackSubgraphUrls(4001, 4002)).supergraphSdl);
  });
});
