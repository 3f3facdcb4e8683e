/**
 * A filter expression (Meilisearch's filter language, parsed by
 * meilisearch/filter.ts) as a test of one document. Every value a
 * condition names is looked up once, before any document is tested: a
 * source or field value becomes the set of its dictionary numbers, a date
 * its span, an id its document's position. Testing a document then reads
 * its source number, its values in a field's table or its date span,
 * never its record.
 *
 * What each attribute means:
 * - `source` and a filterable field: `=` ignores case (as Meilisearch's
 *   does), `> >= < <=` and `TO` compare numbers as numbers and other text in
 *   code-unit order; a document with several values (tags) passes when one does.
 * - `date`: dates at any precision are spans, compared as /search's
 *   `from` and `to` compare them: `date >= 2017-05` keeps a document dated
 *   2017 (its span reaches May), `date = 2017` keeps every day of 2017.
 * - `id`: `=`, `!=`, `IN` and `EXISTS` only; ids are exact.
 * `!=` and `NOT` keep documents without the attribute, as Meilisearch's do;
 * `EXISTS` keeps documents with a value.
 */
import type { ComparisonOperator, FilterExpression } from "./filter-expression";
import { canonicalDate, dateSpan } from "./dates";
import { DATE_FACET, type FacetTable } from "./index/field-table";
import type { IndexView, TimeSpan } from "./index/view";
import type { FieldInfo } from "./artifact";

/** The attributes every corpus can be filtered on, besides its filterable fields. */
export const BUILT_IN_FILTERS = ["id", "source", DATE_FACET] as const;

/** A filter expression ready to test documents: the ids it names resolved, the field tables it reads. */
export interface PreparedExpression {
  readonly expression: FilterExpression;
  /** id → the document's position (absent: no document has it). */
  readonly ids: ReadonlyMap<string, number>;
  readonly tables: ReadonlyMap<string, FacetTable>;
}

/** Where an expression's attributes are read from: the attributes a filter may name, besides id, source and date. */
export function filterableAttributes(fields: readonly FieldInfo[]): string[] {
  const named = new Set<string>(BUILT_IN_FILTERS);
  for (const field of fields) if (field.filterable) named.add(field.name);
  return [...named].sort();
}

/** The conditions of an expression, in the order written. */
function conditionsOf(expression: FilterExpression): Condition[] {
  switch (expression.kind) {
    case "and":
      return expression.all.flatMap(conditionsOf);
    case "or":
      return expression.any.flatMap(conditionsOf);
    case "not":
      return conditionsOf(expression.negated);
    default:
      return [expression];
  }
}

type Condition = Exclude<FilterExpression, { kind: "and" | "or" | "not" }>;

/**
 * Checks that every attribute an expression names is filterable, ids are
 * compared only as ids can be, and every date it compares is a date; the
 * first that is not is thrown, in `reject`'s words (the route's 400).
 */
export function checkExpression(expression: FilterExpression, fields: readonly FieldInfo[], reject: (message: string) => Error): void {
  const filterable = filterableAttributes(fields);
  for (const condition of conditionsOf(expression)) {
    const { attribute } = condition;
    if (!filterable.includes(attribute)) {
      throw reject(`Attribute \`${attribute}\` is not filterable. Available filterable attributes are: ${filterable.map((name) => `\`${name}\``).join(", ")}.`);
    }
    if (attribute === "id" && (condition.kind === "range" || (condition.kind === "compare" && condition.operator !== "=" && condition.operator !== "!="))) {
      throw reject("`id` can be filtered with `=`, `!=`, `IN` and `EXISTS` only: ids are exact, not ordered.");
    }
    if (attribute === DATE_FACET) {
      const notDate = valuesOf(condition).find((value) => canonicalDate(value) === null);
      if (notDate !== undefined) throw reject(`\`${notDate}\` is not a date: \`date\` is compared with ISO 8601 dates such as 2017, 2017-05 or 2017-05-02.`);
    }
  }
}

/** What testing a checked expression reads: the field tables it names, and the ids whose positions it needs. */
export function expressionNeeds(expression: FilterExpression): { tables: string[]; ids: string[] } {
  const tables = new Set<string>();
  const ids = new Set<string>();
  for (const condition of conditionsOf(expression)) {
    if (condition.attribute === "id") for (const id of valuesOf(condition)) ids.add(id);
    else if (condition.attribute !== DATE_FACET && condition.attribute !== "source") tables.add(condition.attribute);
  }
  return { tables: [...tables], ids: [...ids] };
}

function valuesOf(node: Condition): string[] {
  switch (node.kind) {
    case "compare":
      return [node.value];
    case "in":
      return node.values;
    case "range":
      return [node.from, node.to];
    case "exists":
      return [];
  }
}

/** The expression as a test of a document's position, for one view of the index. */
export function compileExpression({ expression, ids, tables }: PreparedExpression, view: Pick<IndexView, "sources" | "sourceNumber" | "dateSpanOf">): (position: number) => boolean {
  const compile = (node: FilterExpression): ((position: number) => boolean) => {
    switch (node.kind) {
      case "and": {
        const all = node.all.map(compile);
        return (position) => all.every((test) => test(position));
      }
      case "or": {
        const any = node.any.map(compile);
        return (position) => any.some((test) => test(position));
      }
      case "not": {
        const negated = compile(node.negated);
        return (position) => !negated(position);
      }
      default:
        return condition(node);
    }
  };
  const condition = (node: Condition): ((position: number) => boolean) => {
    const { attribute } = node;
    if (attribute === "id") {
      if (node.kind === "exists") return () => true;
      const wanted = new Set(valuesOf(node).flatMap((id) => (ids.has(id) ? [ids.get(id)!] : [])));
      const negate = node.kind === "compare" && node.operator === "!=";
      return (position) => wanted.has(position) !== negate;
    }
    if (attribute === DATE_FACET) return dateCondition(node, view);
    const dictionary = attribute === "source" ? view.sources : tables.get(attribute)!.dictionary;
    if (node.kind === "exists") {
      if (attribute === "source") return () => true;
      const table = tables.get(attribute)!;
      return (position) => table.valuesOf(position).length > 0;
    }
    // != is NOT =: a document without the attribute passes it.
    const negate = node.kind === "compare" && node.operator === "!=";
    const accepts = valueTest(node.kind === "compare" && node.operator === "!=" ? { ...node, operator: "=" } : node);
    const accepted = new Uint8Array(dictionary.length);
    dictionary.forEach((value, number) => (accepted[number] = accepts(value) ? 1 : 0));
    if (attribute === "source") return (position) => (accepted[view.sourceNumber(position)] === 1) !== negate;
    const table = tables.get(attribute)!;
    return (position) => {
      const values = table.valuesOf(position);
      for (let i = 0; i < values.length; i++) if (accepted[values[i]!] === 1) return !negate;
      return negate;
    };
  };
  return compile(expression);
}

/** Whether a stored value satisfies a condition on text or numbers. */
function valueTest(node: Exclude<Condition, { kind: "exists" }>): (value: string) => boolean {
  // IN is an OR of =.
  if (node.kind === "in") {
    const equals = node.values.map((value) => valueTest({ kind: "compare", attribute: node.attribute, operator: "=", value }));
    return (value) => equals.some((equal) => equal(value));
  }
  if (node.kind === "range") return (value) => compareValues(value, node.from) >= 0 && compareValues(value, node.to) <= 0;
  const wanted = node.value;
  const operator: ComparisonOperator = node.operator;
  switch (operator) {
    case "=":
    case "!=":
      return (value) => folded(value) === folded(wanted) || (isNumber(value) && isNumber(wanted) && Number(value) === Number(wanted));
    case ">":
      return (value) => compareValues(value, wanted) > 0;
    case ">=":
      return (value) => compareValues(value, wanted) >= 0;
    case "<":
      return (value) => compareValues(value, wanted) < 0;
    case "<=":
      return (value) => compareValues(value, wanted) <= 0;
  }
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function isNumber(value: string): boolean {
  return NUMBER.test(value.trim());
}

/** Numbers as numbers, other text in code-unit order (Meilisearch compares strings lexicographically). */
function compareValues(a: string, b: string): number {
  if (isNumber(a) && isNumber(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function folded(value: string): string {
  return value.normalize("NFC").toLowerCase();
}

/** A condition on the date, on spans: inclusive at any precision, as from and to are. */
function dateCondition(node: Condition, view: Pick<IndexView, "dateSpanOf">): (position: number) => boolean {
  if (node.kind === "exists") return (position) => view.dateSpanOf(position) !== null;
  const span = (value: string): TimeSpan => {
    const { start, end } = dateSpan(canonicalDate(value)!);
    return { start: Date.parse(start), end: Date.parse(end) };
  };
  const overlaps = (wanted: TimeSpan) => (date: TimeSpan) => date.end >= wanted.start && date.start <= wanted.end;
  let test: (date: TimeSpan) => boolean;
  let negate = false;
  if (node.kind === "in") {
    const spans = node.values.map(span).map(overlaps);
    test = (date) => spans.some((overlapping) => overlapping(date));
  } else if (node.kind === "range") {
    const [from, to] = [span(node.from), span(node.to)];
    test = (date) => date.end >= from.start && date.start <= to.end;
  } else {
    const wanted = span(node.value);
    switch (node.operator) {
      case "=":
        test = overlaps(wanted);
        break;
      case "!=":
        test = overlaps(wanted);
        negate = true;
        break;
      // Some of the document's span after (before) the value's.
      case ">":
        test = (date) => date.end > wanted.end;
        break;
      case ">=":
        test = (date) => date.end >= wanted.start;
        break;
      case "<":
        test = (date) => date.start < wanted.start;
        break;
      case "<=":
        test = (date) => date.start <= wanted.end;
        break;
    }
  }
  return (position) => {
    const date = view.dateSpanOf(position);
    return (date !== null && test(date)) !== negate;
  };
}
