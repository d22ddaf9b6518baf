import { describe, expect, it } from 'vitest';
import { CATALOGUE, checkDefinition } from '../../src/compliance/catalogue.js';
import { EVALUATORS } from '../../src/compliance/evaluate.js';

/** SOC 2 (2017 Trust Services Criteria) common criteria and additional criteria ids. */
const SOC2_CONTROLS = new Set([
  ...[5, 3, 4, 2, 3, 8, 5, 1, 2].flatMap((count, group) =>
    Array.from({ length: count }, (_, i) => `CC${group + 1}.${i + 1}`),
  ),
  'A1.1', 'A1.2', 'A1.3', 'C1.1', 'C1.2',
  'PI1.1', 'PI1.2', 'PI1.3', 'PI1.4', 'PI1.5',
]);

/** ISO/IEC 27001:2022 Annex A: 37 organisational, 8 people, 14 physical, 34 technological. */
const ISO_CONTROLS = new Set(
  [
    [5, 37],
    [6, 8],
    [7, 14],
    [8, 34],
  ].flatMap(([theme, count]) => Array.from({ length: count }, (_, i) => `A.${theme}.${i + 1}`)),
);

describe('compliance catalogue', () => {
  it('gives every check all fields', () => {
    for (const check of CATALOGUE) {
      expect(check.id, check.id).toMatch(
        /^(identity|cluster|database|network|logging|keys)\.[a-z0-9-]+$/,
      );
      expect(check.title.length, check.id).toBeGreaterThan(10);
      expect(check.rationale.length, check.id).toBeGreaterThan(20);
      expect(check.remediation.length, check.id).toBeGreaterThan(15);
      expect(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'], check.id).toContain(check.severity);
      expect(['ORGANISATION', 'PROJECT', 'CLUSTER'], check.id).toContain(check.scope);
    }
  });

  it('maps every check to both frameworks with valid control ids', () => {
    for (const check of CATALOGUE) {
      const soc2 = check.frameworks.filter((mapping) => mapping.framework === 'SOC2');
      const iso = check.frameworks.filter((mapping) => mapping.framework === 'ISO27001');
      expect(soc2.length, check.id).toBeGreaterThan(0);
      expect(iso.length, check.id).toBeGreaterThan(0);
      for (const mapping of soc2) {
        expect(SOC2_CONTROLS.has(mapping.control), `${check.id} ${mapping.control}`).toBe(true);
      }
      for (const mapping of iso) {
        expect(ISO_CONTROLS.has(mapping.control), `${check.id} ${mapping.control}`).toBe(true);
      }
      expect(check.frameworks.length, check.id).toBe(soc2.length + iso.length);
    }
  });

  it('uses each id once', () => {
    const ids = CATALOGUE.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has one evaluator per check in its scope', () => {
    for (const check of CATALOGUE) {
      expect(typeof EVALUATORS[check.scope][check.id], check.id).toBe('function');
    }
    const evaluatorIds = Object.values(EVALUATORS).flatMap((map) => Object.keys(map)).sort();
    expect(evaluatorIds).toEqual(CATALOGUE.map((check) => check.id).sort());
  });

  it('covers every category the issue lists', () => {
    const counts = Object.fromEntries(
      ['IDENTITY', 'CLUSTERS', 'DATABASE_ACCESS', 'NETWORK', 'LOGGING', 'KEYS'].map((category) => [
        category,
        CATALOGUE.filter((check) => check.category === category).length,
      ]),
    );
    expect(counts).toEqual(
      { IDENTITY: 11, CLUSTERS: 9, DATABASE_ACCESS: 5, NETWORK: 5, LOGGING: 3, KEYS: 1 },
    );
  });

  it('rejects an unknown id', () => {
    expect(() => checkDefinition('identity.nope')).toThrow(
      'Unknown compliance check id identity.nope.',
    );
  });
});
