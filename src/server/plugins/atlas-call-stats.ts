/**
 * Reports how many Atlas calls each operation made: in `extensions.atlas` of the response and
 * in a debug log line, so the cost of a query is visible in Apollo Sandbox and in logs.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../observability/logger.js';
import type { GraphQLContext } from '../../schema/context.js';
import type { Metrics } from '../metrics.js';

/** Creates the plugin. */
export function atlasCallStatsPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      metrics.graphqlRequests += 1;
      const startedAt = performance.now();
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          const stats = { ...contextValue.stats };
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              atlas: stats,
            };
          }
          logger.debug('graphql.request', 'Finished a GraphQL operation.', {
            operationName: operationName ?? null,
            durationMs: Math.round(performance.now() - startedAt),
            ...stats,
          });
        },
      };
    },
  };
}
