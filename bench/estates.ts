/** The simulated estates the benchmark runs against, smallest first. */
import type { Dataset } from '../src/simulator/dataset.js';
import { demoDataset, generateDataset } from '../src/simulator/generate.js';

/** One estate size. */
export interface Estate {
  name: 'small' | 'medium' | 'large';
  /** Origin of the dataset, for the report, which adds the counts it computes from the dataset. */
  source: string;
  build(): Dataset;
}

export const ESTATES: readonly Estate[] = [
  {
    name: 'small',
    source: 'the demo estate, `demoDataset()`',
    build: () => demoDataset(),
  },
  {
    name: 'medium',
    source: '`generateDataset`, seed 1: 1 organisation × 50 projects × 3 clusters × 50 ' +
      'database users, 300 organisation users, 10 teams of 10 members',
    build: () =>
      generateDataset({
        seed: 1,
        orgs: 1,
        projectsPerOrg: 50,
        clustersPerProject: 3,
        databaseUsersPerProject: 50,
        usersPerOrg: 300,
        teamsPerOrg: 10,
        membersPerTeam: 10,
      }),
  },
  {
    name: 'large',
    source: '`generateDataset`, seed 1: 1 organisation × 250 projects × 4 clusters × 200 ' +
      'database users, 2,000 organisation users, 50 teams of 20 members',
    build: () =>
      generateDataset({
        seed: 1,
        orgs: 1,
        projectsPerOrg: 250,
        clustersPerProject: 4,
        databaseUsersPerProject: 200,
        usersPerOrg: 2000,
        teamsPerOrg: 50,
        membersPerTeam: 20,
      }),
  },
];
