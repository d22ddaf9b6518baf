/**
 * Limits checked before execution: selection depth (a validation rule) and the number of
 * federation entity representations (a plugin). Both bound the work one small request can ask
 * for; the result-item and Atlas-call budgets bound what remains during execution.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type GraphQLSchema,
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

/** The representations an `_entities` field receives, inline or through a variable. */
function representationsOf(
  selectionSet: SelectionSetNode,
  variables: Record<string, unknown> | undefined,
): unknown[] | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
    const argument = selection.arguments?.find((arg) => arg.name.value === 'representations');
    if (argument?.value.kind === Kind.VARIABLE) {
      const value = variables?.[argument.value.name.value];
      return Array.isArray(value) ? value : undefined;
    }
    // An inline list is checked by graphql-js against _Any; only its length matters here.
    if (argument?.value.kind === Kind.LIST) return argument.value.values.map(() => ({ inline: true }));
  }
  return undefined;
}

/** Entity type name to its `@key` field sets, read from the SDL's directives. */
type EntityKeys = Map<string, string[][]>;

const keysBySchema = new WeakMap<GraphQLSchema, EntityKeys>();

/** Reads every `@key(fields: "...")` of the schema's object types, once per schema. */
function entityKeys(schema: GraphQLSchema): EntityKeys {
  let keys = keysBySchema.get(schema);
  if (keys) return keys;
  keys = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
    for (const node of nodes) {
      for (const directive of node && 'directives' in node ? (node.directives ?? []) : []) {
        if (directive.name.value !== 'key') continue;
        const fields = directive.arguments?.find((arg) => arg.name.value === 'fields')?.value;
        if (fields?.kind !== Kind.STRING) continue;
        const list = keys.get(type.name) ?? [];
        list.push(fields.value.trim().split(/\s+/));
        keys.set(type.name, list);
      }
    }
  }
  keysBySchema.set(schema, keys);
  return keys;
}

/** Explains why a representation cannot name an entity of this subgraph, or returns null. */
function representationProblem(representation: unknown, keys: EntityKeys): string | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return 'expected an object with __typename and key fields';
  }
  const record = representation as Record<string, unknown>;
  if ('inline' in record && Object.keys(record).length === 1) return null;
  const typeName = record.__typename;
  const typeKeys = typeof typeName === 'string' ? keys.get(typeName) : undefined;
  if (!typeKeys) {
    return `__typename ${JSON.stringify(typeName)} is not an entity of this subgraph ` +
      `(${[...keys.keys()].join(', ')})`;
  }
  const complete = typeKeys.some((fields) => fields.every((field) => typeof record[field] === 'string'));
  if (complete) return null;
  const wanted = typeKeys.map((fields) => fields.join(' ')).join('" or "');
  return `${typeName} needs string key fields "${wanted}"`;
}

/**
 * Creates a plugin that checks `_entities` input before execution: at most `max`
 * representations, each naming an entity type of this subgraph with a complete key. A bad
 * batch is the caller's mistake, so it gets BAD_USER_INPUT instead of an internal error.
 */
export function representationLimitPlugin(max: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          if (!operation) return;
          const representations = representationsOf(operation.selectionSet, request.variables);
          if (!representations) return;
          if (representations.length > max) {
            throw new GraphQLError(
              `_entities received ${representations.length} representations; the limit is ${max}. ` +
                'Send smaller batches, or raise MAX_ENTITY_REPRESENTATIONS.',
              { extensions: { code: ErrorCode.QUERY_TOO_LARGE, http: { status: 400 } } },
            );
          }
          const keys = entityKeys(schema);
          for (const [index, representation] of representations.entries()) {
            const problem = representationProblem(representation, keys);
            if (problem) {
              throw new GraphQLError(`Invalid representation at index ${index}: ${problem}.`, {
                extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
              });
            }
          }
        },
      };
    },
  };
}
