/**
 * Command line: `npm run report -- --org ID [--format json|csv|markdown] [--out FILE]`.
 * Writes the organisation's check results and access review as an evidence file. Without
 * MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY it reads an in-process
 * simulator loaded with the demo dataset, like the server's demo mode.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { AtlasClient, type AtlasCredential } from '../atlas/client.js';
import { createRequestReader } from '../loaders/request-reader.js';
import { createLogger, type Logger } from '../observability/logger.js';
import { demoDataset } from '../simulator/demo.js';
import { startSimulator, type RunningSimulator } from '../simulator/server.js';
import { loadComplianceConfig } from './config.js';
import { renderEvidence, type EvidenceDocument, type EvidenceFormat } from './export.js';
import { complianceLoaders } from './loaders.js';
import {
  organisationAccessReview,
  organisationCompliance,
  type ComplianceContext,
} from './service.js';

/** Parsed command-line options. */
export interface ReportOptions {
  orgId: string;
  format: EvidenceFormat;
  /** File to write; standard output when absent. */
  out?: string;
}

/** A command-line mistake; the CLI prints the message with the usage and exits with code 2. */
export class ReportUsageError extends Error {}

export const REPORT_USAGE =
  'Usage: npm run report -- --org ORG_ID [--format json|csv|markdown] [--out FILE]\n' +
  '  --org ORG_ID   24-hex Atlas organisation id (required)\n' +
  '  --format F     json (default), csv or markdown\n' +
  '  --out FILE     file to write; standard output when omitted\n' +
  '  Reads Atlas with MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY\n' +
  '  (and MONGODB_ATLAS_BASE_URL, default https://cloud.mongodb.com); without them it\n' +
  '  reads the built-in demo simulator.';

const FORMATS: readonly EvidenceFormat[] = ['json', 'csv', 'markdown'];

/** Parses `--org`, `--format` and `--out`; throws ReportUsageError on anything else. */
export function parseReportArgs(argv: string[]): ReportOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (!['--org', '--format', '--out'].includes(flag)) {
      throw new ReportUsageError(`Unknown option ${flag}.`);
    }
    if (value === undefined || value.startsWith('--')) {
      throw new ReportUsageError(`Missing value for ${flag}.`);
    }
    values[flag] = value;
  }
  if (!values['--org']) {
    throw new ReportUsageError('Missing --org: give the 24-hex organisation id.');
  }
  if (!/^[a-f0-9]{24}$/.test(values['--org'])) {
    throw new ReportUsageError(
      `Invalid --org "${values['--org']}": Atlas organisation ids are 24 lowercase hexadecimal ` +
        'characters, as shown in the Atlas UI.',
    );
  }
  const format = (values['--format'] ?? 'json') as EvidenceFormat;
  if (!FORMATS.includes(format)) {
    throw new ReportUsageError(`Invalid --format ${format}: expected json, csv or markdown.`);
  }
  return { orgId: values['--org'], format, out: values['--out'] };
}

/** Result of one report run. */
export interface ReportRun {
  /** The whole file as written. */
  content: string;
  /** The hash recorded in the file. */
  sha256: string;
}

/** The Atlas endpoint the report reads, with the simulator it started, if any. */
interface AtlasSource {
  client: AtlasClient;
  label: string;
  simulator?: RunningSimulator;
}

async function openSource(
  env: Record<string, string | undefined>,
  logger: Logger,
): Promise<AtlasSource> {
  const publicKey = env.MONGODB_ATLAS_PUBLIC_API_KEY;
  const privateKey = env.MONGODB_ATLAS_PRIVATE_API_KEY;
  if (Boolean(publicKey) !== Boolean(privateKey)) {
    throw new ReportUsageError(
      'Set both MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY, or neither.',
    );
  }
  if (publicKey && privateKey) {
    const baseUrl = env.MONGODB_ATLAS_BASE_URL ?? 'https://cloud.mongodb.com';
    const credential: AtlasCredential = { kind: 'apiKey', publicKey, privateKey };
    return { client: new AtlasClient({ baseUrl, credential, logger }), label: baseUrl };
  }
  const simulator = await startSimulator(
    { dataset: demoDataset(), port: 0, host: '127.0.0.1', logger },
  );
  const credential: AtlasCredential = {
    kind: 'apiKey',
    publicKey: 'pub-test',
    privateKey: 'priv-test',
  };
  return {
    client: new AtlasClient({ baseUrl: simulator.url, credential, logger }),
    label: 'simulator',
    simulator,
  };
}

/** Collects the evidence, writes it to `options.out` (or returns it) and reports its hash. */
export async function runReport(
  options: ReportOptions,
  env: Record<string, string | undefined> = process.env,
  logger: Logger = createLogger({ level: 'warn' }),
  now: () => number = Date.now,
): Promise<ReportRun> {
  const source = await openSource(env, logger);
  try {
    const ctx: ComplianceContext = {
      atlas: createRequestReader(source.client),
      settings: { compliance: { ...loadComplianceConfig(env) } },
      now,
    };
    const loaders = complianceLoaders(ctx);
    const org = await loaders.organisation(options.orgId);
    if (!org.ok) throw new Error(`Cannot read organisation ${options.orgId}: ${org.reason}`);
    const [compliance, accessReview] = await Promise.all([
      organisationCompliance(ctx, org.value),
      organisationAccessReview(ctx, org.value),
    ]);
    const document: EvidenceDocument = {
      generatedAt: new Date(now()).toISOString(),
      organisation: { id: org.value.id, name: org.value.name },
      credential: source.client.credentialId,
      source: source.label,
      compliance,
      accessReview,
    };
    const content = renderEvidence(document, options.format);
    if (options.out) await writeFile(options.out, content, 'utf8');
    return { content, sha256: hashOf(content, options.format) };
  } finally {
    await source.client.close();
    await source.simulator?.close();
  }
}

/** Reads back the hash `renderEvidence` recorded. */
function hashOf(content: string, format: EvidenceFormat): string {
  if (format === 'json') return (JSON.parse(content) as { sha256: string }).sha256;
  return content.trimEnd().split('\n').at(-1)!.split(': ').at(-1)!;
}

async function main(): Promise<void> {
  let options: ReportOptions;
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${REPORT_USAGE}\n`);
    return;
  }
  try {
    options = parseReportArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${REPORT_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    const run = await runReport(options);
    if (!options.out) process.stdout.write(run.content);
    process.stderr.write(
      `Evidence written${options.out ? ` to ${options.out}` : ''}; SHA-256 ${run.sha256}.\n`,
    );
  } catch (error) {
    process.stderr.write(`Report failed: ${(error as Error).message}\n`);
    process.exitCode = error instanceof ReportUsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main();
}
