/** Organisation API keys and their API access lists. */
import type { AtlasReader } from '../reader.js';
import type { ApiKey, ApiKeyAccessListEntry } from '../types.js';
import { pathSegment } from './segment.js';

const apiKeys = (orgId: string) => `/orgs/${pathSegment(orgId)}/apiKeys`;

/** Lists an organisation's API keys. Atlas returns `privateKey` redacted. */
export function listApiKeys(reader: AtlasReader, orgId: string): Promise<ApiKey[]> {
  return reader.list<ApiKey>(apiKeys(orgId));
}

/** Lists the IP access list of one API key, with the last use per entry. */
export function listApiKeyAccessList(
  reader: AtlasReader,
  orgId: string,
  apiKeyId: string,
): Promise<ApiKeyAccessListEntry[]> {
  return reader.list<ApiKeyAccessListEntry>(
    `${apiKeys(orgId)}/${pathSegment(apiKeyId)}/accessList`,
  );
}
