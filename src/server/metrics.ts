/**
 * Process-wide counters, served at `GET /metrics` in the Prometheus text format. The number of
 * Atlas calls is the main performance figure of this server, so it is counted here.
 */
import type { AtlasCallEvent } from '../atlas/reader.js';

/** Counters since start. */
export class Metrics {
  graphqlRequests = 0;
  atlasCalls = 0;
  atlasCacheHits = 0;
  atlasHttpRequests = 0;
  atlasErrors = 0;

  /** Records one Atlas call. */
  recordCall(event: AtlasCallEvent): void {
    this.atlasCalls += 1;
    this.atlasHttpRequests += event.httpRequests;
    if (event.cached) this.atlasCacheHits += 1;
    if (event.status === 0 || event.status >= 400) this.atlasErrors += 1;
  }

  /** Renders the counters in the Prometheus text exposition format. */
  render(): string {
    const rows: [string, string, number][] = [
      ['graphql_requests_total', 'GraphQL operations received.', this.graphqlRequests],
      ['atlas_calls_total', 'Atlas API calls made by resolvers, cache hits included.', this.atlasCalls],
      ['atlas_cache_hits_total', 'Atlas calls answered from the response cache.', this.atlasCacheHits],
      ['atlas_http_requests_total', 'HTTP requests sent to Atlas, challenges and retries included.', this.atlasHttpRequests],
      ['atlas_errors_total', 'Atlas calls that ended in an error.', this.atlasErrors],
    ];
    return rows
      .map(([name, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}\n`)
      .join('');
  }
}
