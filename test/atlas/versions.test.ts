import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSIONED_ROUTES, mediaTypeFor, versionFor } from '../../src/atlas/versions.js';

const SPEC_PATH = resolve(
  import.meta.dirname,
  '../..',
  process.env.ATLAS_OPENAPI_SPEC ?? '../shared/atlas/atlas-admin-v2-subset.json',
);
const PREFIX = '/api/atlas/v2';
const specPresent = existsSync(SPEC_PATH);

if (!specPresent && process.env.CI) {
  throw new Error(`The Atlas OpenAPI spec is missing at ${SPEC_PATH}: set ATLAS_OPENAPI_SPEC to its path.`);
}
if (!specPresent) {
  console.warn(`Skipping the spec version check: no Atlas OpenAPI spec at ${SPEC_PATH}; set ATLAS_OPENAPI_SPEC to its path.`);
}

describe('pinned API versions', () => {
  it('pins clusters to 2024-08-05 and flex clusters to 2024-11-13', () => {
    expect(versionFor('/groups/abc/clusters')).toBe('2024-08-05');
    expect(versionFor('/groups/abc/clusters/Cluster0')).toBe('2024-08-05');
    expect(versionFor('/groups/abc/flexClusters')).toBe('2024-11-13');
    expect(versionFor('/orgs/abc/users')).toBe('2025-02-19');
    expect(mediaTypeFor('2024-08-05')).toBe('application/vnd.atlas.2024-08-05+json');
  });

  it.skipIf(!specPresent)('matches the version the spec documents for every GET', () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as {
      paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    const mismatches: string[] = [];
    for (const [path, item] of Object.entries(spec.paths)) {
      const template = path.slice(PREFIX.length) || '/';
      const mediaTypes = Object.keys(item.get?.responses?.['200']?.content ?? {});
      const route = VERSIONED_ROUTES.find((candidate) => candidate.template === template);
      if (!route) {
        mismatches.push(`${template}: not pinned`);
      } else if (!mediaTypes.includes(mediaTypeFor(route.version))) {
        mismatches.push(`${template}: pinned ${route.version}, spec has ${mediaTypes.join(', ')}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
