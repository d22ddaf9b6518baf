import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../src/simulator/cli.js';

describe('parseCliArgs', () => {
  it('parses the demo source', () => {
    expect(parseCliArgs(['--port', '0', '--demo'])).toEqual(
      { port: 0, host: '127.0.0.1', source: { kind: 'demo' } });
  });

  it('parses a dataset file', () => {
    expect(parseCliArgs(['--dataset', 'estate.json', '--port', '8080'])).toEqual(
      { port: 8080, host: '127.0.0.1', source: { kind: 'file', path: 'estate.json' } });
  });

  it('parses generator options', () => {
    expect(parseCliArgs(['--port', '0', '--seed', '7', '--orgs', '2', '--projects-per-org', '250']))
      .toEqual({ port: 0, host: '127.0.0.1',
        source: { kind: 'generate', options: { seed: 7, orgs: 2, projectsPerOrg: 250 } } });
  });

  it.each([
    [['--demo'], 'Missing --port; use --port 0 for any free port.'],
    [['--port', 'x', '--demo'],
      'Invalid value for --port: expected an integer from 0 to 65535, got "x".'],
    [['--port', '0'], 'Choose exactly one dataset source: --dataset FILE, --demo or --seed N.'],
    [['--port', '0', '--demo', '--seed', '1'],
      'Choose exactly one dataset source: --dataset FILE, --demo or --seed N.'],
    [['--port', '0', '--orgs', '2'], 'Generator options need --seed N.'],
    [['--port', '0', '--demo', '--verbose'], 'Unknown option "--verbose".'],
    [['--port', '0', '--demo', '--host', '0.0.0.0'],
      'Invalid --host "0.0.0.0": the simulator listens on loopback only.'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(new CliUsageError(message));
  });
});
