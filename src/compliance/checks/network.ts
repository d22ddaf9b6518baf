/**
 * Network checks over a project's IP access list, private endpoint services and peering.
 */
import type { AccessListEntry } from '../../atlas/types.js';
import type { CheckEnvironment, ProjectSnapshot } from '../snapshot.js';
import type { EvidenceSource, Verdict } from '../types.js';
import {
  itemLabel,
  jsonTypeOf,
  judgeItems,
  judgeLoaded,
  isPastDeleteAfter,
  unusable,
  type Judgement,
  type UnjudgedItem,
} from './verdict.js';

type ProjectCheck = (snapshot: ProjectSnapshot, env: CheckEnvironment) => Verdict;

/** Returns `value` when Atlas returned a string there, else undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Returns the entry's address or block as Atlas lists it, or the security group id. */
function entryValue(entry: AccessListEntry): string {
  return text(entry.cidrBlock) ?? text(entry.ipAddress) ?? text(entry.awsSecurityGroup) ?? '';
}

/** True for entries that admit every IPv4 or IPv6 address. */
export function isOpenToInternet(entry: AccessListEntry): boolean {
  const values = [text(entry.cidrBlock), text(entry.ipAddress)].filter(
    (value) => value !== undefined,
  );
  return values.some((value) => ['0.0.0.0/0', '::/0', '0.0.0.0', '::'].includes(value.trim()));
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

/**
 * Judges each access-list entry with `offends`, which returns whether the entry offends or the
 * reason it cannot be judged. An entry with no address, block or security group is unjudged.
 */
function judgeEntries(
  entries: AccessListEntry[],
  source: EvidenceSource,
  offends: (entry: AccessListEntry, item: string) => boolean | UnjudgedItem,
) {
  const offenders: AccessListEntry[] = [];
  const unjudged: UnjudgedItem[] = [];
  entries.forEach((entry, index) => {
    const value = entryValue(entry);
    const item = value || `item ${index + 1}`;
    const result = value
      ? offends(entry, item)
      : { item, field: 'cidrBlock, ipAddress or awsSecurityGroup', found: 'absent' };
    if (result === true) offenders.push(entry);
    else if (result !== false) unjudged.push(result);
  });
  return { offenders, list: { source, total: entries.length, unjudged } };
}

const noInternetAccess: ProjectCheck = ({ accessList }) =>
  judgeLoaded([accessList], (entries) => {
    const judged = judgeEntries(entries, accessList.source, isOpenToInternet);
    const open = judged.offenders.map(toOffender);
    return judgeItems(
      open,
      [judged.list],
      `No access-list entry admits the whole internet (${entries.length} checked).`,
      `Access-list entries that admit the whole internet: ${open.length}.`,
      { openEntries: open },
    );
  });

const noWideCidr: ProjectCheck = ({ accessList }, { config }) =>
  judgeLoaded([accessList], (entries) => {
    // Entries without a CIDR block are single addresses or security groups, which have no width.
    const judged = judgeEntries(entries, accessList.source, (entry, item) => {
      if (entry.cidrBlock === undefined) return false;
      const block = text(entry.cidrBlock);
      const parsed = block === undefined ? undefined : prefixOf(block);
      if (!parsed) return { item, field: 'cidrBlock', found: jsonTypeOf(entry.cidrBlock) };
      const limit = parsed.family === 4 ? config.minIpv4PrefixLength : config.minIpv6PrefixLength;
      return parsed.prefix < limit;
    });
    return judgeItems(
      judged.offenders,
      [judged.list],
      `No access-list entry is wider than IPv4 /${config.minIpv4PrefixLength} ` +
        `or IPv6 /${config.minIpv6PrefixLength}.`,
      `Access-list entries wider than allowed: ${judged.offenders.length}.`,
      {
        minIpv4PrefixLength: config.minIpv4PrefixLength,
        minIpv6PrefixLength: config.minIpv6PrefixLength,
        wideEntries: judged.offenders.map(toOffender),
      },
    );
  });

const noExpiredTemporaryEntries: ProjectCheck = ({ accessList }, { now }) =>
  judgeLoaded([accessList], (entries) => {
    const judged = judgeEntries(entries, accessList.source, (entry, item) =>
      isPastDeleteAfter(entry.deleteAfterDate, item, now),
    );
    const expired = judged.offenders.map(toOffender);
    return judgeItems(
      expired,
      [judged.list],
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
    const unjudged: UnjudgedItem[] = [];
    const unavailable = values.services.filter((service, index) => {
      const status: unknown = services[index].status;
      const problem = unusable(itemLabel(service.id, index), 'status', status, 'string');
      if (problem) unjudged.push(problem);
      return !problem && status !== 'AVAILABLE';
    });
    return judgeItems(
      unavailable,
      [{ source: privateEndpoints.source, total: services.length, unjudged }],
      `Every private endpoint service is AVAILABLE (${services.length} checked).`,
      `Private endpoint services not AVAILABLE: ${unavailable.length}.`,
      values,
    );
  });

/**
 * Judges one peering connection. A FAILED status or an error state other than NONE fails it.
 * The error state is optional because Atlas sets it only on errors, but the status is not.
 */
function peeringFailed(status: unknown, errorState: unknown, item: string) {
  if (status === 'FAILED' || (text(errorState) ?? 'NONE') !== 'NONE') return true;
  return unusable(item, 'statusName or status', status, 'string') ?? false;
}

const peeringHealthy: ProjectCheck = ({ peers }) =>
  judgeLoaded([peers], (connections): Judgement => {
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
    const unjudged: UnjudgedItem[] = [];
    const failed = values.connections.filter((peer, index) => {
      const status = connections[index].statusName ?? connections[index].status;
      const result = peeringFailed(status, peer.errorState, itemLabel(peer.id, index));
      if (typeof result === 'object') unjudged.push(result);
      return result === true;
    });
    return judgeItems(
      failed,
      [{ source: peers.source, total: connections.length, unjudged }],
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
