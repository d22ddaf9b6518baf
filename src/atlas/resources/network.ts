/** Network peering connections and private endpoint services of a project. */
import type { AtlasReader } from '../reader.js';
import type { NetworkPeeringConnection, PrivateEndpointService } from '../types.js';
import { pathSegment } from './segment.js';

const project = (projectId: string) => `/groups/${pathSegment(projectId)}`;

/** Filters for `listPeeringConnections`. */
export interface PeeringFilter {
  /** `AWS`, `AZURE` or `GCP`; Atlas defaults to `AWS`. */
  providerName?: string;
}

/** Lists a project's network peering connections for one cloud provider. */
export function listPeeringConnections(
  reader: AtlasReader,
  projectId: string,
  filter: PeeringFilter = {},
): Promise<NetworkPeeringConnection[]> {
  const query = filter.providerName ? { providerName: filter.providerName } : undefined;
  return reader.list<NetworkPeeringConnection>(`${project(projectId)}/peers`, query);
}

/**
 * Lists a project's private endpoint services for `cloudProvider` (`AWS`, `AZURE` or `GCP`).
 * The endpoint returns a bare array.
 */
export function listPrivateEndpointServices(
  reader: AtlasReader,
  projectId: string,
  cloudProvider: string,
): Promise<PrivateEndpointService[]> {
  const provider = pathSegment(cloudProvider);
  return reader.get<PrivateEndpointService[]>(
    `${project(projectId)}/privateEndpoint/${provider}/endpointService`,
  );
}
