/**
 * Filters and facet counts, the fast way (one pass, failures as bits, value
 * numbers from the field tables) against the simple way: each facet counted
 * by filtering the documents' own fields again for it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DocumentFields } from "../../src/search/artifact";
import { byCountThenName } from "../../src/search/facets";
import { Filters } from "../../src/search/filters";
import { encodeFieldTable, FieldTable, tableValues } from "../../src/search/index/field-table";
import type { IndexView } from "../../src/search/index/view";

const TAGS = ["solar", "wind", "policy", "grid"];
const AUTHORS = ["Jane Doe", "Ravi Patel", "Ana Lima"];
const SOURCES = ["Reuters", "AP", "unknown"];

const documentArbitrary = fc.record({
  source: fc.constantFrom(...SOURCES),
  fields: fc.record(
    { tags: fc.array(fc.constantFrom(...TAGS), { maxLength: 3 }), author: fc.constantFrom(...AUTHORS) },
    { requiredKeys: [] },
  ) as fc.Arbitrary<DocumentFields>,
});

const subset = <T>(values: readonly T[]) => fc.subarray([...values]);

function simpleWay(
  documents: { source: string; fields: DocumentFields }[],
  candidates: number[],
  sources: string[],
  filters: [string, string[]][],
) {
  const passes = (position: number, except: string | null) => {
    const { source, fields } = documents[position]!;
    if (except !== "source" && sources.length > 0 && !sources.includes(source)) return false;
    return filters.every(([name, wanted]) => name === except || tableValues(fields[name]).some((value) => wanted.includes(value)));
  };
  const count = (name: string, valuesOf: (position: number) => string[]) => {
    const counts = new Map<string, number>();
    for (const position of candidates.filter((one) => passes(one, name))) {
      for (const value of valuesOf(position)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return Object.fromEntries([...counts].sort(byCountThenName));
  };
  return {
    kept: candidates.filter((position) => passes(position, null)),
    facets: {
      source: count("source", (position) => [documents[position]!.source]),
      author: count("author", (position) => tableValues(documents[position]!.fields.author)),
      tags: count("tags", (position) => tableValues(documents[position]!.fields.tags)),
    },
  };
}

describe("Filters", () => {
  it("keeps and counts exactly what filtering the documents' own fields again for each facet gives", () => {
    fc.assert(
      fc.property(
        fc.array(documentArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(fc.nat(39)),
        subset(SOURCES),
        subset(TAGS),
        subset([...AUTHORS, "Nobody"]),
        (documents, picked, sources, tags, authors) => {
          const candidates = [...new Set(picked.filter((position) => position < documents.length))];
          const filters: [string, string[]][] = [];
          if (authors.length > 0) filters.push(["author", authors]);
          if (tags.length > 0) filters.push(["tags", tags]);
          const tables = new Map(
            ["author", "tags"].map((name) => {
              const { dictionary, table } = encodeFieldTable(documents.map((document) => tableValues(document.fields[name])));
              return [name, new FieldTable(dictionary, table, documents.length)] as const;
            }),
          );
          const view: Pick<IndexView, "sources" | "sourceNumber"> = { sources: SOURCES, sourceNumber: (position) => SOURCES.indexOf(documents[position]!.source) };
          const fast = new Filters(view, sources, filters, tables);
          const failures = candidates.map((position) => fast.failures(position));
          const expected = simpleWay(documents, candidates, sources, filters);
          expect(candidates.filter((_, i) => failures[i] === 0)).toEqual(expected.kept);
          expect(fast.facets(candidates, failures, tables)).toEqual(expected.facets);
        },
      ),
      { numRuns: 300 },
    );
  });
});
