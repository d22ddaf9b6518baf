/**
 * Parent objects of the security types whose fields make further Atlas calls. They carry the
 * organisation id because the per-key and per-account endpoints need it and Atlas omits it.
 */
import type { ApiKey, ServiceAccount } from '../../atlas/types.js';

/** An organisation API key without `privateKey`, which is dropped as soon as it is read. */
export interface ApiKeyModel extends Omit<ApiKey, 'privateKey'> {
  orgId: string;
}

/** An organisation service account and the organisation it was read from. */
export interface ServiceAccountModel extends ServiceAccount {
  orgId: string;
}
