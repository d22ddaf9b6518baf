/**
 * Limits checked before execution: selection depth (a validation rule) and the number of
 * federation entity representations (a plugin). Both bound the work one small request can ask
 * for; the result-item and Atlas-call budgets bound what remains during execution.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ErrorCode } from '../../atlas/errors.js';

/** Introspection fields nest `ofType` many levels deep by design; they cost no Atlas call. */
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Measures the deepest field path of a selection set, following fragment spreads once. */
function depthOf(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (INTROSPECTION_FIELDS.has(selection.name.value)) continue;
      depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet, fragments, visiting) : 0);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments[name];
      // A fragment cycle is reported by graphql-js's own rule; do not recurse into it here.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      depth = depthOf(fragment.selectionSet, fragments, visiting);
      visiting.delete(name);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Creates a validation rule that rejects operations nested deeper than `maxDepth` fields. */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `The operation is ${depth} fields deep; the limit is ${maxDepth}. Split it into ` +
                'smaller queries, or raise MAX_QUERY_DEPTH.',
              { nodes: [node] },
            ),
          );
        }
      },
    };
  };
}

/** Counts the representations an `_entities` field receives, inline or through a variable. */
function countRepresentations(
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown> | undefined,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
    const argument = selection.arguments?.find((arg) => arg.name.value === 'representations');
    if (argument?.value.kind === Kind.LIST) count += argument.value.values.length;
    if (argument?.value.kind === Kind.VARIABLE) {
      const value = variables?.[argument.value.name.value];
      if (Array.isArray(value)) count += value.length;
    }
  }
  return count;
}

/** Creates a plugin that rejects operations passing more than `max` entity representations. */
export function representationLimitPlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) return;
          const count = countRepresentations(operation.selectionSet, request.variables);
          if (count > max) {
            throw new GraphQLError(
              `_entities received ${count} representations; the limit is ${max}. Send smaller ` +
                'batches, or raise MAX_ENTITY_REPRESENTATIONS.',
              { extensions: { code: ErrorCode.QUERY_TOO_LARGE, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
