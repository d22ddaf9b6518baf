/** Re-exports the schema builder for the server and for tests that execute operations. */
export { createSubgraphSchema, loadTypeDefs, loadTypeDefsSource } from '../schema/index.js';
