/**
 * The read surface every consumer of Atlas data depends on. `AtlasClient` implements it, and
 * `AtlasClient.withCallListener` returns a per-request view that reports each call.
 */

/** Query parameters; arrays repeat the parameter (`eventType=A&eventType=B`). */
export type QueryParams = Record<string, string | number | boolean | readonly string[] | undefined>;

/** One Atlas call as seen by metrics and per-request counters. */
export interface AtlasCallEvent {
  /** Path relative to `/api/atlas/v2`, with the query string. */
  path: string;
  /** Final HTTP status, or 0 when no response arrived. */
  status: number;
  durationMs: number;
  /** HTTP requests this call needed, counting digest challenges and retries. */
  httpRequests: number;
  /** True when the response came from the cross-request cache and no HTTP request was sent. */
  cached: boolean;
}

/** Read-only access to the Atlas Admin API v2. Paths are relative to `/api/atlas/v2`. */
export interface AtlasReader {
  /** GETs one resource (or a bare JSON array) and returns the parsed body. */
  get<T>(path: string, query?: QueryParams): Promise<T>;
  /** GETs every page of a paginated list and returns all `results` in order. */
  list<T>(path: string, query?: QueryParams): Promise<T[]>;
  /** Public identifier of the credential (API public key or service account client id). */
  readonly credentialId: string;
}
