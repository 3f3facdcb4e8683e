/**
 * A filter as a tree of conditions on a document's attributes: what
 * Meilisearch's filter language parses into (meilisearch/filter.ts) and
 * what the search tests documents with (expression.ts).
 */

export type ComparisonOperator = "=" | "!=" | ">" | ">=" | "<" | "<=";

/**
 * A parsed filter. `and` and `or` have two members or more, never a member of
 * their own kind (they are flattened), in the order written; parentheses
 * leave no node.
 */
export type FilterExpression =
  | { kind: "and"; all: FilterExpression[] }
  | { kind: "or"; any: FilterExpression[] }
  | { kind: "not"; negated: FilterExpression }
  | { kind: "compare"; attribute: string; operator: ComparisonOperator; value: string }
  /** `a IN [x, y]`; `a NOT IN [...]` parses as a `not` of this. */
  | { kind: "in"; attribute: string; values: string[] }
  /** `a x TO y`, both ends included. */
  | { kind: "range"; attribute: string; from: string; to: string }
  /** `a EXISTS`; `a NOT EXISTS` parses as a `not` of this. */
  | { kind: "exists"; attribute: string };
