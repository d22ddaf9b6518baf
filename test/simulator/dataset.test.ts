import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDatasetFile } from '../../src/simulator/dataset.js';
import { DEMO_IDS } from '../../src/simulator/demo.js';
import { demoDataset, generateDataset } from '../../src/simulator/generate.js';

const NOW = Date.UTC(2026, 0, 15);
const DAY = 86_400_000;

describe('loadDatasetFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a dataset written as JSON', () => {
    const path = join(dir, 'demo.json');
    writeFileSync(path, JSON.stringify(demoDataset({ now: NOW })));
    expect(loadDatasetFile(path)).toEqual(demoDataset({ now: NOW }));
  });

  it('names the file and the invalid field', () => {
    const dataset = demoDataset({ now: NOW });
    (dataset.projects[2] as { orgId: string }).orgId = 'xyz';
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(dataset));
    expect(() => loadDatasetFile(path)).toThrow(
      `Simulator dataset file ${path} is invalid: field projects[2].orgId is invalid: ` +
        'expected a 24-digit lowercase hex id.');
  });

  it('reports a missing array field', () => {
    const dataset = demoDataset({ now: NOW }) as unknown as {
      organizations: { teams?: unknown }[];
    };
    delete dataset.organizations[1].teams;
    const path = join(dir, 'no-teams.json');
    writeFileSync(path, JSON.stringify(dataset));
    expect(() => loadDatasetFile(path)).toThrow('field organizations[1].teams is invalid');
  });

  it('reports invalid JSON and a missing file', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{');
    expect(() => loadDatasetFile(path)).toThrow(`Simulator dataset file ${path} is not valid JSON`);
    expect(() => loadDatasetFile(join(dir,
      'absent.json'))).toThrow('Cannot read simulator dataset file');
  });
});

describe('generateDataset', () => {
  it('is deterministic for a seed', () => {
    const options = { seed: 42, orgs: 2, now: NOW };
    expect(generateDataset(options)).toEqual(generateDataset(options));
    expect(generateDataset({ ...options, seed: 43 })).not.toEqual(generateDataset(options));
  });

  it('builds large estates with the requested sizes', () => {
    const big = generateDataset({ seed: 1, projectsPerOrg: 1, databaseUsersPerProject: 1234,
      usersPerOrg: 500, teamsPerOrg: 1, membersPerTeam: 130, now: NOW });
    expect(big.projects[0].databaseUsers).toHaveLength(1234);
    expect(big.organizations[0].users).toHaveLength(500);
    expect(big.organizations[0].teams[0].memberIds).toHaveLength(130);
    const many = generateDataset({ seed: 1, projectsPerOrg: 250, now: NOW });
    expect(new Set(many.projects.map((p) => p.id)).size).toBe(250);
    expect(many.credentials).toEqual([{ publicKey: 'pub-test', privateKey: 'priv-test',
      orgIds: '*' }]);
  });
});

describe('demoDataset', () => {
  const demo = demoDataset({ now: NOW });
  const corp = demo.organizations[0];

  it('has the three organisations and the test credential', () => {
    expect(demo.organizations.map((o) => o.name)).toEqual(['Acme Corp', 'Acme Research',
      'Acme Archive']);
    expect(demo.projects.map((p) => p.name)).toEqual(
      ['prod-payments', 'staging-payments', 'analytics', 'Sandbox Project', 'ml-experiments']);
    expect(demo.credentials).toEqual([{ publicKey: 'pub-test', privateKey: 'priv-test',
      orgIds: '*' }]);
  });

  it('dates last logins relative to now', () => {
    const lastAuth = Object.fromEntries(corp.users.map((u) => [u.username, u.lastAuth]));
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
    expect(lastAuth['dmitri.ivanov@acme.example']).toBe(iso(NOW - 75 * DAY));
    expect(lastAuth['hana.sato@acme.example']).toBe(iso(NOW - 200 * DAY));
    expect(lastAuth['gus.peterson@acme.example']).toBeUndefined();
  });

  it('uses one Atlas user id for Alice in every organisation', () => {
    const ids = demo.organizations.map((o) =>
      o.users.find((u) => u.username === 'alice.nguyen@acme.example')?.id);
    expect(ids).toEqual([DEMO_IDS.users.alice, DEMO_IDS.users.alice, DEMO_IDS.users.alice]);
  });

  it('leaves Acme Archive without projects or teams', () => {
    expect(demo.projects.filter((p) => p.orgId === DEMO_IDS.acmeArchive)).toEqual([]);
    expect(demo.organizations[2].teams).toEqual([]);
  });
});
