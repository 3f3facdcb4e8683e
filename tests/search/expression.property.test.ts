/**
 * Filter expressions, the fast way (compileExpression: values looked up
 * once into dictionary numbers and spans, documents tested by number)
 * against the simple way: each condition read off the document's own
 * source, date, id and fields, as the rules in expression.ts state them.
 * And the facet counts a filtered search gives against counting the
 * documents that pass by hand.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DocumentFields } from "../../src/search/artifact";
import { dateSpan } from "../../src/search/dates";
import { checkExpression, compileExpression, expressionNeeds } from "../../src/search/expression";
import { Filters } from "../../src/search/filters";
import { encodeFieldTable, FieldTable, tableValues } from "../../src/search/index/field-table";
import type { IndexView } from "../../src/search/index/view";
import type { ComparisonOperator, FilterExpression } from "../../src/search/filter-expression";

const SOURCES = ["Reuters", "AP", "unknown"];
const TAGS = ["solar", "Wind", "policy"];
const DATES = [null, "2016", "2017", "2017-05", "2017-05-02", "2017-05-02T10:00:00Z", "2018-12-31"];
const IDS = ["a", "b/c", "d", "e"];

interface Doc {
  id: string;
  source: string;
  date: string | null;
  fields: DocumentFields;
}

const documentArbitrary = fc.record({
  source: fc.constantFrom(...SOURCES),
  date: fc.constantFrom(...DATES),
  fields: fc.record({ tags: fc.subarray(TAGS), pages: fc.integer({ min: 1, max: 30 }) }, { requiredKeys: [] }) as fc.Arbitrary<DocumentFields>,
});

const operator = fc.constantFrom<ComparisonOperator>("=", "!=", ">", ">=", "<", "<=");
const textValue = fc.constantFrom("reuters", "Reuters", "AP", "ap", "unknown", "Nobody", "solar", "wind", "POLICY", "3", "3.0", "10", "25", "a");
const dateValue = fc.constantFrom("2016", "2017", "2017-05", "2017-05-02", "2017-05-02T09:00:00Z", "2019");

const condition: fc.Arbitrary<FilterExpression> = fc.oneof(
  fc.record({ kind: fc.constant("compare" as const), attribute: fc.constantFrom("source", "tags", "pages"), operator, value: textValue }),
  fc.record({ kind: fc.constant("compare" as const), attribute: fc.constant("date"), operator, value: dateValue }),
  fc.record({ kind: fc.constant("compare" as const), attribute: fc.constant("id"), operator: fc.constantFrom<ComparisonOperator>("=", "!="), value: fc.constantFrom(...IDS, "zz") }),
  fc.record({ kind: fc.constant("in" as const), attribute: fc.constantFrom("source", "tags", "pages"), values: fc.array(textValue, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant("in" as const), attribute: fc.constant("id"), values: fc.array(fc.constantFrom(...IDS, "zz"), { maxLength: 3 }) }),
  fc.record({ kind: fc.constant("in" as const), attribute: fc.constant("date"), values: fc.array(dateValue, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant("range" as const), attribute: fc.constantFrom("source", "pages", "tags"), from: textValue, to: textValue }),
  fc.record({ kind: fc.constant("range" as const), attribute: fc.constant("date"), from: dateValue, to: dateValue }),
  fc.record({ kind: fc.constant("exists" as const), attribute: fc.constantFrom("source", "date", "id", "tags", "pages") }),
);

const expression: fc.Arbitrary<FilterExpression> = fc.letrec<{ node: FilterExpression }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    condition,
    fc.record({ kind: fc.constant("not" as const), negated: tie("node") }),
    fc.record({ kind: fc.constant("and" as const), all: fc.array(tie("node"), { minLength: 2, maxLength: 3 }) }),
    fc.record({ kind: fc.constant("or" as const), any: fc.array(tie("node"), { minLength: 2, maxLength: 3 }) }),
  ),
})).node;

/** The rules of expression.ts, read off one document. */
function simpleWay(document: Doc, node: FilterExpression): boolean {
  switch (node.kind) {
    case "and":
      return node.all.every((member) => simpleWay(document, member));
    case "or":
      return node.any.some((member) => simpleWay(document, member));
    case "not":
      return !simpleWay(document, node.negated);
  }
  const { attribute } = node;
  if (attribute === "id") {
    if (node.kind === "exists") return true;
    if (node.kind === "in") return node.values.includes(document.id);
    return node.kind === "compare" && (document.id === node.value) === (node.operator === "=");
  }
  if (attribute === "date") {
    if (node.kind === "exists") return document.date !== null;
    const span = (date: string) => ({ start: Date.parse(dateSpan(date).start), end: Date.parse(dateSpan(date).end) });
    const overlaps = (value: string) => document.date !== null && span(document.date).end >= span(value).start && span(document.date).start <= span(value).end;
    if (node.kind === "in") return node.values.some(overlaps);
    if (node.kind === "compare" && node.operator === "!=") return !overlaps(node.value);
    if (document.date === null) return false;
    const own = span(document.date);
    if (node.kind === "range") return own.end >= span(node.from).start && own.start <= span(node.to).end;
    const wanted = span(node.value);
    return { "=": overlaps(node.value), ">": own.end > wanted.end, ">=": own.end >= wanted.start, "<": own.start < wanted.start, "<=": own.start <= wanted.end }[node.operator as "="];
  }
  const values = attribute === "source" ? [document.source] : tableValues(document.fields[attribute]);
  if (node.kind === "exists") return values.length > 0;
  const numeric = (value: string) => /^-?\d+(\.\d+)?$/.test(value);
  const compare = (a: string, b: string) => (numeric(a) && numeric(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0);
  const equal = (a: string, b: string) => a.toLowerCase() === b.toLowerCase() || (numeric(a) && numeric(b) && Number(a) === Number(b));
  if (node.kind === "in") return values.some((value) => node.values.some((wanted) => equal(value, wanted)));
  if (node.kind === "range") return values.some((value) => compare(value, node.from) >= 0 && compare(value, node.to) <= 0);
  const { operator, value: wanted } = node;
  if (operator === "!=") return !values.some((value) => equal(value, wanted));
  return values.some((value) => {
    const order = compare(value, wanted);
    return { "=": equal(value, wanted), ">": order > 0, ">=": order >= 0, "<": order < 0, "<=": order <= 0 }[operator];
  });
}

const FIELDS = [
  { name: "tags", searchable: true, facet: true, filterable: true, table: 0 },
  { name: "pages", searchable: false, facet: false, filterable: true, table: 1 },
  { name: "date", searchable: false, facet: true, filterable: true, table: null },
];

describe("compileExpression", () => {
  it("keeps exactly the documents the rules keep, read off each document", () => {
    fc.assert(
      fc.property(fc.array(documentArbitrary, { minLength: 1, maxLength: 30 }), expression, (generated, node) => {
        const documents: Doc[] = generated.map((document, i) => ({ ...document, id: IDS[i % IDS.length]! + (i >= IDS.length ? String(i) : "") }));
        const tables = new Map(
          ["tags", "pages"].map((name) => {
            const { dictionary, table } = encodeFieldTable(documents.map((document) => tableValues(document.fields[name])));
            return [name, new FieldTable(dictionary, table, documents.length)] as const;
          }),
        );
        checkExpression(node, FIELDS, (message) => new Error(message));
        const { ids } = expressionNeeds(node);
        const positions = new Map(documents.map((document, position) => [document.id, position]));
        const view: Pick<IndexView, "sources" | "sourceNumber" | "dateSpanOf"> = {
          sources: SOURCES,
          sourceNumber: (position) => SOURCES.indexOf(documents[position]!.source),
          dateSpanOf: (position) => {
            const date = documents[position]!.date;
            return date === null ? null : { start: Date.parse(dateSpan(date).start), end: Date.parse(dateSpan(date).end) };
          },
        };
        const test = compileExpression({ expression: node, tables, ids: new Map(ids.flatMap((id) => (positions.has(id) ? [[id, positions.get(id)!]] : []))) }, view);
        const fast = documents.map((_, position) => test(position));
        expect(fast).toEqual(documents.map((document) => simpleWay(document, node)));

        // Every facet counts only the documents that pass.
        const filters = new Filters(view, [], [], tables, test);
        const all = documents.map((_, position) => position);
        const failures = all.map((position) => filters.failures(position));
        const counts = filters.facets(all, failures, new Map([["tags", tables.get("tags")!]]));
        const passing = documents.filter((_, position) => fast[position]);
        expect(Object.values(counts.source).reduce((sum, count) => sum + count, 0)).toBe(passing.length);
        for (const tag of TAGS) {
          expect(counts.tags?.[tag] ?? 0).toBe(passing.filter((document) => tableValues(document.fields.tags).includes(tag)).length);
        }
      }),
      { numRuns: 400 },
    );
  });
});
