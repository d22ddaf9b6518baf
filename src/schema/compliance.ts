/** Resolvers for schema/compliance.graphql. */
export const complianceResolvers = {};
