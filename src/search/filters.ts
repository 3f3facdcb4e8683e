/**
 * The request's filters (sources and metadata fields) and its facet counts,
 * over the documents a query matched. Facets are disjunctive, as the source
 * facet always was (Algolia's and Meilisearch's default): a field's counts
 * apply every filter but the field's own, so a user who ticked one tag still
 * sees how many documents each other tag would add. Each candidate is
 * checked once: the filters it fails, as bits.
 */
import { LIMITS } from "../limits";
import { byCountThenName, type SourceCounts } from "./facets";
import type { FacetTable } from "./index/field-table";
import type { IndexView } from "./index/view";
import type { SearchIndex } from "./load";

/** The fields /search can filter on, each a query parameter of its own. */
export function filterableFields(index: Pick<SearchIndex, "fields">): string[] {
  return index.fields.filter((field) => field.filterable).map((field) => field.name);
}

/** Values → matching documents, most first, then by value. */
export type FacetCounts = Record<string, number>;

export interface Facets {
  source: SourceCounts;
  [field: string]: FacetCounts;
}

interface FieldFilter {
  table: FacetTable;
  /** Dictionary numbers of the wanted values (a value no document has matches none). */
  wanted: Set<number>;
}

export class Filters {
  private readonly sources: Set<string>;
  private readonly fields: FieldFilter[];
  /** Bits of the filters, source first: bit 0 the sources, bit i + 1 field filter i. */
  private readonly bitOf: Map<string, number>;

  constructor(
    private readonly view: IndexView,
    sources: readonly string[],
    filters: readonly [field: string, values: string[]][],
    tables: ReadonlyMap<string, FacetTable>,
  ) {
    this.sources = new Set(sources);
    this.fields = filters.map(([name, values]) => {
      const table = tables.get(name)!;
      return { table, wanted: new Set(values.map((value) => table.numberOf(value)).filter((n) => n >= 0)) };
    });
    this.bitOf = new Map(filters.map(([name], i) => [name, 1 << (i + 1)]));
  }

  /** The filters a document fails, as bits (0: it passes them all). */
  failures(position: number): number {
    let failed = 0;
    if (this.sources.size > 0 && !this.sources.has(this.view.sourceOf(position))) failed |= 1;
    for (let i = 0; i < this.fields.length; i++) {
      const { table, wanted } = this.fields[i]!;
      const values = table.valuesOf(position);
      let found = false;
      for (let v = 0; v < values.length && !found; v++) found = wanted.has(values[v]!);
      if (!found) failed |= 1 << (i + 1);
    }
    return failed;
  }

  /** Counts of every facet, each over the documents that pass every filter but its own. */
  facets(positions: ArrayLike<number>, failures: ArrayLike<number>, facetTables: ReadonlyMap<string, FacetTable>): Facets {
    const sourceCounts = new Map<string, number>();
    for (let i = 0; i < positions.length; i++) {
      if ((failures[i]! & ~1) !== 0) continue;
      const source = this.view.sourceOf(positions[i]!);
      sourceCounts.set(source, (sourceCounts.get(source) ?? 0) + 1);
    }
    const facets: Facets = { source: Object.fromEntries([...sourceCounts].sort(byCountThenName)) };
    for (const [name, table] of facetTables) {
      const ignored = ~(this.bitOf.get(name) ?? 0);
      const counts = new Uint32Array(table.dictionary.length);
      for (let i = 0; i < positions.length; i++) {
        if ((failures[i]! & ignored) !== 0) continue;
        const values = table.valuesOf(positions[i]!);
        for (let v = 0; v < values.length; v++) counts[values[v]!]!++;
      }
      const entries: [string, number][] = [];
      counts.forEach((count, value) => count > 0 && entries.push([table.dictionary[value]!, count]));
      facets[name] = Object.fromEntries(entries.sort(byCountThenName).slice(0, LIMITS.facetValues));
    }
    return facets;
  }
}
