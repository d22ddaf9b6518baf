/**
 * Limits checked before resolvers run: selection depth (a validation rule) and the number and
 * shape of federation entity representations (a wrapper around `_entities`). Both bound the
 * work one small request can ask for; the result-item and Atlas-call budgets bound the rest.
 */
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

/**
 * Measures the deepest field path of a selection set. Each fragment's depth is computed once
 * and remembered, so a document that spreads fragments in a fan-out costs linear time.
 */
function depthOf(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (INTROSPECTION_FIELDS.has(selection.name.value)) continue;
      const below = selection.selectionSet ? depthOf(selection.selectionSet, fragments, memo, visiting) : 0;
      depth = 1 + below;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, memo, visiting);
    } else {
      depth = fragmentDepth(selection.name.value, fragments, memo, visiting);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Depth of a named fragment, memoized; a cycle counts 0 (graphql-js's own rule reports it). */
function fragmentDepth(
  name: string,
  fragments: Record<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
  visiting: Set<string>,
): number {
  const known = memo.get(name);
  if (known !== undefined) return known;
  const fragment = fragments[name];
  if (!fragment || visiting.has(name)) return 0;
  visiting.add(name);
  const depth = depthOf(fragment.selectionSet, fragments, memo, visiting);
  visiting.delete(name);
  memo.set(name, depth);
  return depth;
}

/** Collects the document's fragment definitions by name. */
function fragmentsOf(context: ValidationContext): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  return fragments;
}

/** Creates a validation rule that rejects operations nested deeper than `maxDepth` fields. */
export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Map(), new Set());
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

/** Entity type name to its `@key` field sets, read from the SDL's directives. */
type EntityKeys = Map<string, string[][]>;

/** Reads every `@key(fields: "...")` of the schema's object types. */
function entityKeys(schema: GraphQLSchema): EntityKeys {
  const keys: EntityKeys = new Map();
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
  return keys;
}

/** Explains why a representation cannot name an entity of this subgraph, or returns null. */
function representationProblem(representation: unknown, keys: EntityKeys): string | null {
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) {
    return 'expected an object with __typename and key fields';
  }
  const record = representation as Record<string, unknown>;
  const typeName = record.__typename;
  const typeKeys = typeof typeName === 'string' ? keys.get(typeName) : undefined;
  if (!typeKeys) {
    return `__typename ${JSON.stringify(typeName)} is not an entity of this subgraph ` +
      `(${[...keys.keys()].join(', ')})`;
  }
  const complete = typeKeys.some((fields) => fields.every((field) => typeof record[field] === 'string'));
  if (complete) return null;
  const expected = typeKeys.map((fields) => fields.join(' ')).join('" or "');
  return `${typeName} needs string key fields "${expected}"`;
}

/** Marks a wrapped `_entities` field, so a schema shared by two servers is wrapped once. */
const GUARDED = Symbol('entities-guarded');

/**
 * Wraps the `_entities` resolver of a subgraph schema, so every call is checked on its coerced
 * arguments however the operation spells it (variables, inline lists, fragments, aliases).
 * An operation may pass at most `max` representations, and each must name an entity type of
 * this subgraph with a complete key. A bad batch is the caller's mistake, so it gets
 * BAD_USER_INPUT. Checking before any entity resolves also keeps one bad entry from leaving
 * the other entries' promises unobserved.
 */
export function guardEntitiesResolver(schema: GraphQLSchema, max: number): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve || GUARDED in field) return;
  Object.defineProperty(field, GUARDED, { value: true });
  const keys = entityKeys(schema);
  const seen = new WeakMap<object, number>();

  field.resolve = (source, args: { representations?: unknown[] }, context, info) => {
    const representations = args.representations ?? [];
    const total = (seen.get(context as object) ?? 0) + representations.length;
    seen.set(context as object, total);
    if (total > max) {
      throw new GraphQLError(
        `_entities received ${total} representations in this operation; the limit is ${max}. ` +
          'Send smaller batches, or raise MAX_ENTITY_REPRESENTATIONS.',
        { extensions: { code: ErrorCode.QUERY_TOO_LARGE } },
      );
    }
    for (const [index, representation] of representations.entries()) {
      const problem = representationProblem(representation, keys);
      if (problem) {
        throw new GraphQLError(`Invalid representation at index ${index}: ${problem}.`, {
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        });
      }
    }
    return resolve(source, args, context, info);
  };
}

/**
 * Counts the fields an operation selects, with each fragment counted once per spread (its own
 * count is memoized, so the walk stays linear even when the total is large).
 */
function fieldCount(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
  visiting: Set<string>,
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (INTROSPECTION_FIELDS.has(selection.name.value)) continue;
      count += 1;
      if (selection.selectionSet) count += fieldCount(selection.selectionSet, fragments, memo, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += fieldCount(selection.selectionSet, fragments, memo, visiting);
    } else {
      const name = selection.name.value;
      const known = memo.get(name);
      if (known !== undefined) {
        count += known;
        continue;
      }
      const fragment = fragments[name];
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      const inner = fieldCount(fragment.selectionSet, fragments, memo, visiting);
      visiting.delete(name);
      memo.set(name, inner);
      count += inner;
    }
  }
  return count;
}

/**
 * Creates a validation rule that rejects operations selecting more than `maxFields` fields,
 * counting every alias and fragment spread. Aliases repeat whole subtrees, such as an access
 * review, without deepening the query.
 */
export function fieldCountRule(maxFields: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context);
    return {
      OperationDefinition(node) {
        const count = fieldCount(node.selectionSet, fragments, new Map(), new Set());
        if (count > maxFields) {
          context.reportError(
            new GraphQLError(
              `The operation selects ${count} fields, counting aliases and fragment spreads; the ` +
                `limit is ${maxFields}. Split it into smaller queries, or raise MAX_QUERY_FIELDS.`,
              { nodes: [node] },
            ),
          );
        }
      },
    };
  };
}
