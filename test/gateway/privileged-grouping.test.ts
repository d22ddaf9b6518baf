import { describe, expect, it } from 'vitest';
import { groupPrivilegedAccess, type PrivilegedResponse } from '../../src/gateway/review-privileged.js';

const page = <T>(nodes: T[]) => ({ pageInfo: { hasNextPage: false }, nodes });

/** Builds one organisation with one project whose custom roles and database users are given. */
function response(
  customDatabaseRoles: { roleName: string; inheritedRoles: { role: string; db: string }[] }[] | null,
  roles: string[],
): PrivilegedResponse {
  return {
    employees: [],
    organisations: page([
      {
        id: 'o1',
        name: 'Org',
        users: page([]),
        projects: page([
          {
            id: 'p1',
            name: 'proj',
            teams: [],
            customDatabaseRoles,
            databaseUsers: page([
              {
                username: 'svc',
                databaseName: 'admin',
                authenticationKind: 'SCRAM',
                roles: roles.map((roleName) => ({ roleName, databaseName: 'admin' })),
              },
            ]),
          },
        ]),
      },
    ]),
  };
}

describe('groupPrivilegedAccess', () => {
  it('follows custom roles through several levels of inheritance', () => {
    const groups = groupPrivilegedAccess(
      response(
        [
          { roleName: 'outer', inheritedRoles: [{ role: 'middle', db: 'admin' }] },
          { roleName: 'middle', inheritedRoles: [{ role: 'atlasAdmin', db: 'admin' }] },
        ],
        ['outer'],
      ),
    );
    expect(groups[0].holders[0].grants).toEqual([
      { role: 'outer@admin (inherits atlasAdmin)', scope: 'Org / proj', via: 'database user svc (SCRAM)' },
    ]);
  });

  it('stops on cyclic custom roles and ignores harmless ones', () => {
    const groups = groupPrivilegedAccess(
      response(
        [
          { roleName: 'a', inheritedRoles: [{ role: 'b', db: 'admin' }] },
          { roleName: 'b', inheritedRoles: [{ role: 'a', db: 'admin' }, { role: 'read', db: 'x' }] },
        ],
        ['a', 'readWrite'],
      ),
    );
    expect(groups).toEqual([]);
  });

  it('treats unreadable custom roles as no inheritance', () => {
    expect(groupPrivilegedAccess(response(null, ['reportingAdmin']))).toEqual([]);
    expect(groupPrivilegedAccess(response(null, ['root']))[0].holders[0].grants[0].role).toBe('root@admin');
  });
});
