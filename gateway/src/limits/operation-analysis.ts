import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/** What the gateway measures of an operation before it lets any subgraph see it. */
export interface OperationShape {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  /** IBM cost spec weights: object 1, scalar 0, mutation 10, lists sized by `first`. */
  estimatedCost: number;
  /** Every `first` given, with where it was given, so that each can be checked against the limit. */
  pageSizes: { path: string; first: unknown }[];
}

export const MUTATION_BASE_COST = 10;
/** A list without `first` is assumed to hold this many items, as Apollo Router's demand control assumes. */
export const ASSUMED_LIST_SIZE = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  shape: OperationShape;
}

function argumentValue(
  field: FieldNode,
  name: string,
  variables: Record<string, unknown>,
): unknown {
  const argument = field.arguments?.find((arg) => arg.name.value === name);
  if (!argument) return undefined;
  return valueFromASTUntyped(argument.value as ValueNode, variables);
}

function fieldDefinition(
  parent: GraphQLNamedType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}

/**
 * Walks the selection set, fragments expanded, counting what the limits bound and estimating cost.
 * Returns the cost of this selection set for one parent item.
 */
function walkSelections(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  depth: number,
  path: string,
  visitedFragments: Set<string>,
  sliceSize: number | null,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    walk.shape.directives += selection.directives?.length ?? 0;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeCondition = selection.typeCondition
        ? (walk.schema.getType(selection.typeCondition.name.value) ?? parent)
        : parent;
      cost += walkSelections(
        walk,
        selection.selectionSet,
        typeCondition,
        depth,
        path,
        visitedFragments,
        sliceSize,
      );
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      // Validation has already refused cycles; this only stops a spread being counted twice in one path.
      if (!fragment || visitedFragments.has(name)) continue;
      walk.shape.directives += fragment.directives?.length ?? 0;
      const typeCondition = walk.schema.getType(fragment.typeCondition.name.value) ?? parent;
      cost += walkSelections(
        walk,
        fragment.selectionSet,
        typeCondition,
        depth,
        path,
        new Set([...visitedFragments, name]),
        sliceSize,
      );
      continue;
    }
    const name = selection.name.value;
    if (selection.alias) walk.shape.aliases += 1;
    if (name.startsWith('__')) continue;
    const fieldPath = path ? `${path}.${selection.alias?.value ?? name}` : name;
    walk.shape.depth = Math.max(walk.shape.depth, depth);
    const definition = fieldDefinition(parent, name);
    if (!definition) continue;

    const first = argumentValue(selection, 'first', walk.variables);
    const hasFirst = definition.args.some((arg) => arg.name === 'first');
    if (hasFirst) {
      walk.shape.pageSizes.push({
        path: fieldPath,
        first: first ?? definition.args.find((arg) => arg.name === 'first')?.defaultValue,
      });
    }
    const returnType = getNullableType(definition.type);
    const itemType = getNamedType(definition.type);
    // IBM cost spec @listSize: a field sliced by `first` sizes the lists directly below it (its edges).
    const listSize = isListType(returnType) ? (sliceSize ?? ASSUMED_LIST_SIZE) : 1;
    const childSlice = hasFirst && typeof first === 'number' && first > 0 ? first : null;
    const childCost = selection.selectionSet
      ? walkSelections(
          walk,
          selection.selectionSet,
          itemType,
          depth + 1,
          fieldPath,
          visitedFragments,
          childSlice,
        )
      : 0;
    if (!isCompositeType(itemType)) continue;
    cost += listSize * (1 + childCost);
  }
  return cost;
}

export function analyseOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const shape: OperationShape = {
    depth: 0,
    aliases: 0,
    rootFields: 0,
    directives: operation.directives?.length ?? 0,
    estimatedCost: 0,
    pageSizes: [],
  };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return shape;
  const walk: Walk = { schema, fragments, variables, shape };
  shape.rootFields = countRootFields(walk, operation.selectionSet, new Set());
  const selectionCost = walkSelections(walk, operation.selectionSet, root, 1, '', new Set(), null);
  shape.estimatedCost =
    selectionCost +
    (operation.operation === 'mutation' ? MUTATION_BASE_COST * shape.rootFields : 0);
  return shape;
}

function countRootFields(walk: Walk, selectionSet: SelectionSetNode, visited: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(walk, selection.selectionSet, visited);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment && !visited.has(fragment.name.value)) {
        count += countRootFields(
          walk,
          fragment.selectionSet,
          new Set([...visited, fragment.name.value]),
        );
      }
    }
  }
  return count;
}
