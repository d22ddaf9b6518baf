/**
 * Seed people for the example directory. They match the users of the simulator's demo Atlas
 * data, so joins through the gateway return something worth reviewing: one leaver who still has
 * Atlas access, a new joiner, and people with no Atlas access at all. The contractor
 * emma.reyes@contractor.example is in Atlas but deliberately has no record here.
 */

/** HR employment status. */
export type EmploymentStatus = 'ACTIVE' | 'LEAVER' | 'ON_LEAVE';

/** Kind of contract. */
export type EmployeeType = 'EMPLOYEE' | 'CONTRACTOR' | 'INTERN';

/** One directory record. Emails are stored lower-case. */
export interface EmployeeRecord {
  email: string;
  name: string;
  department: string;
  title: string;
  managerEmail: string | null;
  employmentStatus: EmploymentStatus;
  employeeType: EmployeeType;
  /** First working day, `YYYY-MM-DD`. */
  startDate: string;
  /** Last working day for leavers, `YYYY-MM-DD`, or null. */
  endDate: string | null;
}

const DAY_MS = 86_400_000;

/** Formats the day `days` before `now` (epoch ms) as `YYYY-MM-DD` in UTC. */
function daysBefore(now: number, days: number): string {
  return new Date(now - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Builds the seed records. Dates relative to `now` (epoch ms) keep the leaver about 60 days
 * gone and the new joiner about a week in, whenever the example runs.
 */
export function seedEmployees(now: number): EmployeeRecord[] {
  const person = (
    email: string,
    name: string,
    department: string,
    title: string,
    managerEmail: string | null,
    startDate: string,
  ): EmployeeRecord => ({
    email,
    name,
    department,
    title,
    managerEmail,
    employmentStatus: 'ACTIVE',
    employeeType: 'EMPLOYEE',
    startDate,
    endDate: null,
  });
  const alice = 'alice.nguyen@acme.example';
  const carla = 'carla.jones@acme.example';
  return [
    person(alice, 'Alice Nguyen', 'Security', 'CISO', null, '2019-03-04'),
    person('bruno.silva@acme.example', 'Bruno Silva', 'Engineering', 'Platform Engineer', carla,
      '2021-06-14'),
    person(carla, 'Carla Jones', 'Engineering', 'Head of Engineering', alice, '2020-01-06'),
    {
      ...person('dmitri.ivanov@acme.example', 'Dmitri Ivanov', 'Engineering', 'Database Engineer',
        carla, '2021-09-01'),
      employmentStatus: 'LEAVER',
      endDate: daysBefore(now, 60),
    },
    person('farah.khan@acme.example', 'Farah Khan', 'Finance', 'Finance Controller', alice,
      '2022-02-01'),
    person('gus.peterson@acme.example', 'Gus Peterson', 'Data', 'Data Analyst', carla,
      daysBefore(now, 7)),
    person('hana.sato@acme.example', 'Hana Sato', 'Data', 'Data Engineer', carla, '2023-05-15'),
    person('jose.alvarez@acme.example', 'José Álvarez', 'Engineering', 'Reliability Engineer',
      carla, '2022-10-03'),
    // People with no Atlas access: a review must not invent any for them.
    person('ines.moreau@acme.example', 'Inès Moreau', 'Legal', 'General Counsel', alice,
      '2020-08-17'),
    person('kofi.mensah@acme.example', 'Kofi Mensah', 'Sales', 'Account Executive', alice,
      '2023-11-06'),
    {
      ...person('lena.fischer@acme.example', 'Lena Fischer', 'Data', 'Data Science Intern', carla,
        daysBefore(now, 30)),
      employeeType: 'INTERN',
    },
  ];
}
