import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_TRAILER_PREFIX, sha256 } from '../../src/compliance/export.js';
import { parseReportArgs, ReportUsageError, runReport } from '../../src/compliance/report-cli.js';
import { DEMO_IDS } from '../../src/simulator/demo.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { silentLogger } from '../../src/observability/logger.js';
import { failingDataset, NOW, O1 } from './scenarios.js';

const FIXED = () => NOW;

describe('evidence export', () => {
  let simulator: RunningSimulator;
  let directory: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dataset = failingDataset();
    dataset.credentials = [
      { publicKey: 'pubkey01', privateKey: 'a1b2c3d4-secret-value', orgIds: '*' },
    ];
    simulator = await startSimulator({ dataset, port: 0, host: '127.0.0.1', rateLimit: false });
    directory = await mkdtemp(join(tmpdir(), 'compliance-export-'));
    env = {
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey01',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'a1b2c3d4-secret-value',
      MONGODB_ATLAS_BASE_URL: simulator.url,
    };
  });

  afterAll(async () => {
    await simulator.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('writes JSON whose hash matches its evidence and holds no secret', async () => {
    const out = join(directory, 'evidence.json');
    const run = await runReport({ orgId: O1, format: 'json', out }, env, silentLogger, FIXED);
    const written = await readFile(out, 'utf8');
    expect(written).toBe(run.content);
    const parsed = JSON.parse(written);
    expect(parsed.sha256).toBe(sha256(JSON.stringify(parsed.evidence, null, 2)));
    expect(run.sha256).toBe(parsed.sha256);
    expect(parsed.evidence.generatedAt).toBe('2026-06-01T00:00:00.000Z');
    expect(parsed.evidence.credential).toBe('pubkey01');
    expect(parsed.evidence.organisation).toEqual({ id: O1, name: 'Org One' });
    expect(parsed.evidence.source).toBe(simulator.url);
    expect(parsed.evidence.compliance.summary).toEqual(
      { pass: 0, fail: 34, unknown: 0, notApplicable: 0 },
    );
    expect(parsed.evidence.accessReview.users).toHaveLength(6);
    expect(written).not.toContain('a1b2c3d4-secret-value');
  });

  it('detects a changed byte in the JSON evidence', async () => {
    const run = await runReport({ orgId: O1, format: 'json' }, env, silentLogger, FIXED);
    const parsed = JSON.parse(run.content.replace('"FAIL"', '"PASS"'));
    expect(sha256(JSON.stringify(parsed.evidence, null, 2))).not.toBe(parsed.sha256);
  });

  it('writes CSV and Markdown with a trailer hash over the content above it', async () => {
    for (const format of ['csv', 'markdown'] as const) {
      const run = await runReport({ orgId: O1, format }, env, silentLogger, FIXED);
      const trailerAt = run.content.lastIndexOf(HASH_TRAILER_PREFIX);
      const body = run.content.slice(0, trailerAt);
      const trailer = run.content.slice(trailerAt);
      expect(trailer, format).toBe(`${HASH_TRAILER_PREFIX}${sha256(body)}\n`);
      expect(run.sha256, format).toBe(sha256(body));
      expect(run.content, format).not.toContain('a1b2c3d4-secret-value');
      expect(run.content, format).toContain('pubkey01');
    }
  });

  it('writes one CSV row per check and principal, quoting JSON values', async () => {
    const run = await runReport({ orgId: O1, format: 'csv' }, env, silentLogger, FIXED);
    const lines = run.content.split('\r\n');
    expect(lines[0]).toBe(
      'record,id,name,status,severity,resource_type,resource_id,resource_name,frameworks,flags,' +
        'roles,detail,' +
        'sources,observed_at,values',
    );
    const records = lines.slice(1).map((line) => line.split(',')[0]);
    const count = (record: string) => records.filter((value) => value === record).length;
    expect(count('metadata')).toBe(4);
    expect(count('check')).toBe(34);
    expect(count('user')).toBe(6);
    expect(count('api_key')).toBe(1);
    expect(count('service_account')).toBe(1);
    expect(count('database_user')).toBe(1);
    const internet = lines.find((line) => line.startsWith('check,network.no-internet-access,'));
    expect(internet).toContain('"{""openEntries"":[{""entry"":""0.0.0.0/0""');
  });

  it('reads the demo simulator when no credentials are set', async () => {
    const run = await runReport(
      { orgId: DEMO_IDS.acmeCorp, format: 'markdown' },
      {},
      silentLogger,
      FIXED,
    );
    expect(run.content.startsWith('# Compliance evidence: Acme Corp\n')).toBe(true);
    expect(run.content).toContain('| Credential (public identifier) | pub-test |');
    expect(run.content).toContain('| Source | simulator |');
    expect(run.content).not.toContain('priv-test');
  });

  it('fails clearly for an organisation it cannot read', async () => {
    await expect(
      runReport({ orgId: 'aaaaaaaaaaaaaaaaaaaaaaa9', format: 'json' }, env, silentLogger, FIXED),
    ).rejects.toThrow(
      /^Cannot read organisation aaaaaaaaaaaaaaaaaaaaaaa9: Could not read \/orgs\/\{orgId\} \(/,
    );
  });

  it('rejects half-configured credentials', async () => {
    await expect(
      runReport(
        { orgId: O1, format: 'json' },
        { MONGODB_ATLAS_PUBLIC_API_KEY: 'pubkey01' },
        silentLogger,
        FIXED,
      ),
    ).rejects.toThrow(ReportUsageError);
  });
});

describe('report arguments', () => {
  it('parses every option', () => {
    expect(parseReportArgs(['--org', O1, '--format', 'csv', '--out', 'x.csv'])).toEqual({
      orgId: O1,
      format: 'csv',
      out: 'x.csv',
    });
    expect(parseReportArgs(['--org', O1])).toEqual({ orgId: O1, format: 'json', out: undefined });
  });

  it('rejects missing and invalid options', () => {
    expect(() => parseReportArgs([])).toThrow('Missing --org: give the 24-hex organisation id.');
    expect(() => parseReportArgs(['--org', '123'])).toThrow('Invalid --org "123"');
    expect(() => parseReportArgs(['--org', O1, '--format', 'pdf'])).toThrow(
      'Invalid --format pdf: expected json, csv or markdown.',
    );
    expect(() => parseReportArgs(['--org'])).toThrow('Missing value for --org.');
    expect(() => parseReportArgs(['--verbose', 'x'])).toThrow('Unknown option --verbose.');
  });
});
