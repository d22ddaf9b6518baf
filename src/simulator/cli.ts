/**
 * Command line: `node dist/src/simulator/cli.js --port N (--dataset FILE | --seed N [...] |
 * --demo)`.
 * Prints one JSON line on stdout once listening, and stops cleanly on SIGTERM or SIGINT.
 */
import { pathToFileURL } from 'node:url';
import { createLogger } from '../observability/logger.js';
import { loadDatasetFile, type Dataset } from './dataset.js';
import { demoDataset, generateDataset, type GenerateOptions } from './generate.js';
import { startSimulator } from './server.js';

/** Parsed command-line options. */
export interface CliOptions {
  port: number;
  host: string;
  source:
    | { kind: 'demo' }
    | { kind: 'file'; path: string }
    | { kind: 'generate'; options: GenerateOptions };
}

/** A command-line error; the CLI prints its message and exits with code 2. */
export class CliUsageError extends Error {}

/** Usage text printed with `--help` and with every argument error. */
export const USAGE = [
  'Usage: simulator --port N (--demo | --dataset FILE | --seed N [generator sizes]) [--host H]',
  '',
  '  --port N                       TCP port on loopback; 0 picks a free port',
  '  --host H                       127.0.0.1 (default) or ::1',
  '  --demo                         serve the hand-written demo estate (key pub-test / priv-test)',
  '  --dataset FILE                 serve a JSON dataset (format: docs/simulator.md)',
  '  --seed N                       generate a deterministic estate from seed N, sized by:',
  '    --orgs N                     organisations',
  '    --projects-per-org N         projects in each organisation',
  '    --clusters-per-project N     dedicated clusters in each project',
  '    --database-users-per-project N',
  '                                 database users in each project',
  '    --users-per-org N            organisation users in each organisation',
  '    --teams-per-org N            teams in each organisation',
  '    --members-per-team N         users in each team',
  '',
  'Prints {"event":"simulator.listening","url":...} on standard output when ready.',
].join('\n');

const GENERATE_FLAGS: Record<string, keyof GenerateOptions> = {
  '--seed': 'seed',
  '--orgs': 'orgs',
  '--projects-per-org': 'projectsPerOrg',
  '--clusters-per-project': 'clustersPerProject',
  '--database-users-per-project': 'databaseUsersPerProject',
  '--users-per-org': 'usersPerOrg',
  '--teams-per-org': 'teamsPerOrg',
  '--members-per-team': 'membersPerTeam',
};

function integer(flag: string, value: string | undefined, min: number, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new CliUsageError(
      `Invalid value for ${flag}: expected an integer from ${min} to ${max}, ` +
      `got ${value === undefined ? 'nothing' : JSON.stringify(value)}.`);
  }
  return Number(value);
}

/** Parses the arguments after `node cli.js`; throws `CliUsageError` for invalid ones. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let port: number | undefined;
  let host = '127.0.0.1';
  let demo = false;
  let datasetPath: string | undefined;
  const generate: GenerateOptions = {};

  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--demo') { demo = true; continue; }
    i += 1;
    if (flag === '--port') port = integer(flag, value, 0, 65535);
    else if (flag === '--host') host = value ?? '';
    else if (flag === '--dataset') datasetPath = value;
    else if (GENERATE_FLAGS[flag]) {
      generate[GENERATE_FLAGS[flag]] = integer(flag, value, 0, 1_000_000) as never;
    } else throw new CliUsageError(`Unknown option ${JSON.stringify(flag)}.`);
  }

  if (port === undefined) {
    throw new CliUsageError('Missing --port; use --port 0 for any free port.');
  }
  if (host !== '127.0.0.1' && host !== '::1') {
    throw new CliUsageError(
      `Invalid --host ${JSON.stringify(host)}: the simulator listens on loopback only.`);
  }
  const chosen = [demo, datasetPath !== undefined,
    Object.keys(generate).length > 0].filter(Boolean);
  if (chosen.length !== 1) {
    throw new CliUsageError(
      'Choose exactly one dataset source: --dataset FILE, --demo or --seed N.');
  }
  if (datasetPath === '') throw new CliUsageError('Missing file name after --dataset.');
  if (demo) return { port, host, source: { kind: 'demo' } };
  if (datasetPath !== undefined) return { port, host, source: { kind: 'file', path: datasetPath } };
  if (generate.seed === undefined) throw new CliUsageError('Generator options need --seed N.');
  return { port, host, source: { kind: 'generate', options: generate } };
}

function loadSource(source: CliOptions['source']): Dataset {
  if (source.kind === 'demo') return demoDataset();
  if (source.kind === 'file') return loadDatasetFile(source.path);
  return generateDataset(source.options);
}

/** Runs the CLI; resolves once the simulator is listening. */
export async function main(argv: readonly string[]): Promise<void> {
  let options: CliOptions;
  let dataset: Dataset;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  try {
    options = parseCliArgs(argv);
    dataset = loadSource(options.source);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const logger = createLogger({ level: 'info' });
  const simulator = await startSimulator({ dataset, port: options.port, host: options.host,
    logger });
  process.stdout.write(`${JSON.stringify({ event: 'simulator.listening', url: simulator.url })}\n`);
  const stop = () => {
    simulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2));
}
