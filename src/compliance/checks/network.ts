/**
 * Network checks over a project's IP access list, private endpoint services and peering.
 */
import type { AccessListEntry } from '../../atlas/types.js';
import type { CheckEnvironment, ProjectSnapshot } from '../snapshot.js';
import type { Verdict } from '../types.js';
import { judgeLoaded, passUnlessOffenders } from './verdict.js';

type ProjectCheck = (snapshot: ProjectSnapshot, env: CheckEnvironment) => Verdict;

/** Returns the entry's address or block as Atlas lists it, or the security group id. */
function entryValue(entry: AccessListEntry): string {
  return entry.cidrBlock ?? entry.ipAddress ?? entry.awsSecurityGroup ?? '';
}

/** True for entries that admit every IPv4 or IPv6 address. */
export function isOpenToInternet(entry: AccessListEntry): boolean {
  const values = [entry.cidrBlock, entry.ipAddress].filter((value) => value !== undefined);
  return values.some(
    (value) => ['0.0.0.0/0', '::/0', '0.0.0.0', '::', '::/0'].includes(value!.trim()),
  );
}

/** Splits a CIDR block into its family and prefix length; a bare address is a full prefix. */
export function prefixOf(value: string): { family: 4 | 6; prefix: number } | undefined {
  const [address, bits] = value.trim().split('/');
  const family = address.includes(':') ? 6 : address.includes('.') ? 4 : undefined;
  if (family === undefined) return undefined;
  const fullLength = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? fullLength : Number(bits);
  return Number.isInteger(prefix) ? { family, prefix } : undefined;
}

function toOffender(entry: AccessListEntry) {
  return {
    entry: entryValue(entry),
    comment: entry.comment ?? null,
    deleteAfterDate: entry.deleteAfterDate ?? null,
  };
}

const noInternetAccess: ProjectCheck = ({ accessList }) =>
  judgeLoaded([accessList], (entries) => {
    const open = entries.filter(isOpenToInternet).map(toOffender);
    return passUnlessOffenders(
      open,
      `No access-list entry admits the whole internet (${entries.length} checked).`,
      `Access-list entries that admit the whole internet: ${open.length}.`,
      { openEntries: open },
    );
  });

const noWideCidr: ProjectCheck = ({ accessList }, { config }) =>
  judgeLoaded([accessList], (entries) => {
    const wide = entries.filter((entry) => {
      const parsed = entry.cidrBlock ? prefixOf(entry.cidrBlock) : undefined;
      if (!parsed) return false;
      const limit = parsed.family === 4 ? config.minIpv4PrefixLength : config.minIpv6PrefixLength;
      return parsed.prefix < limit;
    });
    return passUnlessOffenders(
      wide,
      `No access-list entry is wider than IPv4 /${config.minIpv4PrefixLength} ` +
        `or IPv6 /${config.minIpv6PrefixLength}.`,
      `Access-list entries wider than allowed: ${wide.length}.`,
      {
        minIpv4PrefixLength: config.minIpv4PrefixLength,
        minIpv6PrefixLength: config.minIpv6PrefixLength,
        wideEntries: wide.map(toOffender),
      },
    );
  });

const noExpiredTemporaryEntries: ProjectCheck = ({ accessList }, { now }) =>
  judgeLoaded([accessList], (entries) => {
    const expired = entries
      .filter(
        (entry) => entry.deleteAfterDate !== undefined && Date.parse(entry.deleteAfterDate) <= now,
      )
      .map(toOffender);
    return passUnlessOffenders(
      expired,
      'No temporary access-list entry is past its delete-after date.',
      `Temporary access-list entries past their delete-after date: ${expired.length}.`,
      { expiredEntries: expired },
    );
  });

const privateEndpointsAvailable: ProjectCheck = ({ privateEndpoints }) =>
  judgeLoaded([privateEndpoints], (services) => {
    const values = {
      services: services.map((service) => ({
        id: service.id,
        cloudProvider: service.cloudProvider,
        status: service.status ?? null,
        errorMessage: service.errorMessage ?? null,
      })),
    };
    if (services.length === 0) {
      return {
        status: 'NOT_APPLICABLE',
        detail: 'No private endpoint service is configured.',
        values,
      };
    }
    const unavailable = values.services.filter((service) => service.status !== 'AVAILABLE');
    return passUnlessOffenders(
      unavailable,
      `Every private endpoint service is AVAILABLE (${services.length} checked).`,
      `Private endpoint services not AVAILABLE: ${unavailable.length}.`,
      values,
    );
  });

const peeringHealthy: ProjectCheck = ({ peers }) =>
  judgeLoaded([peers], (connections) => {
    const values = {
      connections: connections.map((peer) => ({
        id: peer.id,
        providerName: peer.providerName ?? null,
        status: peer.statusName ?? peer.status ?? null,
        errorState: peer.errorStateName ?? peer.errorState ?? null,
      })),
    };
    if (connections.length === 0) {
      return {
        status: 'NOT_APPLICABLE',
        detail: 'No network peering connection is configured.',
        values,
      };
    }
    const failed = values.connections.filter(
      (peer) => peer.status === 'FAILED' || (peer.errorState ?? 'NONE') !== 'NONE',
    );
    return passUnlessOffenders(
      failed,
      `No peering connection has failed (${connections.length} checked).`,
      `Failed peering connections: ${failed.length}.`,
      values,
    );
  });

/** Network evaluators keyed by catalogue id. */
export const networkChecks: Record<string, ProjectCheck> = {
  'network.no-internet-access': noInternetAccess,
  'network.no-wide-cidr': noWideCidr,
  'network.no-expired-temporary-entries': noExpiredTemporaryEntries,
  'network.private-endpoints-available': privateEndpointsAvailable,
  'network.peering-healthy': peeringHealthy,
};
