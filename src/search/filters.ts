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
import type { FieldInfo } from "./artifact";

/** The fields /search can filter on, each a query parameter of its own. */
export function filterableFields(index: { readonly fields: readonly FieldInfo[] }): string[] {
  return index.fields.filter((field) => field.filterable).map((field) => field.name);
}

/** What is counted per value: `source`, then every facet field (`date`, `tags`…). */
export function facetNames(index: { readonly fields: readonly FieldInfo[] }): string[] {
  return ["source", ...index.fields.filter((field) => field.facet).map((field) => field.name)];
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

/** The expression's bit: above every field filter's (LIMITS.fieldFilters of them), and no facet ignores it. */
const EXPRESSION_BIT = 1 << 30;

export class Filters {
  /** The wanted sources' numbers (a source no document has matches none). */
  private readonly sources: Set<number>;
  private readonly filtersSources: boolean;
  private readonly fields: FieldFilter[];
  /** Bits of the filters, source first: bit 0 the sources, bit i + 1 field filter i. */
  private readonly bitOf: Map<string, number>;

  constructor(
    private readonly view: Pick<IndexView, "sources" | "sourceNumber">,
    sources: readonly string[],
    filters: readonly [field: string, values: string[]][],
    tables: ReadonlyMap<string, FacetTable>,
    /** A filter expression's test (search/expression.ts): every facet counts only documents that pass it. */
    private readonly expression: ((position: number) => boolean) | null = null,
  ) {
    this.filtersSources = sources.length > 0;
    const wanted = new Set(sources);
    this.sources = new Set(view.sources.flatMap((source, number) => (wanted.has(source) ? [number] : [])));
    this.fields = filters.map(([name, values]) => {
      const table = tables.get(name)!;
      return { table, wanted: new Set(values.map((value) => table.numberOf(value)).filter((n) => n >= 0)) };
    });
    this.bitOf = new Map(filters.map(([name], i) => [name, 1 << (i + 1)]));
  }

  /** Whether any filter is set (without, every document passes). */
  get active(): boolean {
    return this.filtersSources || this.fields.length > 0 || this.expression !== null;
  }

  /** The filters a document fails, as bits (0: it passes them all). */
  failures(position: number): number {
    let failed = 0;
    if (this.filtersSources && !this.sources.has(this.view.sourceNumber(position))) failed |= 1;
    for (let i = 0; i < this.fields.length; i++) {
      const { table, wanted } = this.fields[i]!;
      const values = table.valuesOf(position);
      let found = false;
      for (let v = 0; v < values.length && !found; v++) found = wanted.has(values[v]!);
      if (!found) failed |= 1 << (i + 1);
    }
    if (this.expression && !this.expression(position)) failed |= EXPRESSION_BIT;
    return failed;
  }

  /**
   * Counts of every facet, each over the documents that pass every filter
   * but its own; a field's most frequent `valueLimit` values (a router asks
   * its shards for all of them: a value's total is its counts' sum).
   */
  facets(positions: ArrayLike<number>, failures: ArrayLike<number>, facetTables: ReadonlyMap<string, FacetTable>, valueLimit: number = LIMITS.facetValues): Facets {
    const perSource = new Uint32Array(this.view.sources.length);
    for (let i = 0; i < positions.length; i++) if ((failures[i]! & ~1) === 0) perSource[this.view.sourceNumber(positions[i]!)]!++;
    const sourceCounts: [string, number][] = [];
    perSource.forEach((count, number) => count > 0 && sourceCounts.push([this.view.sources[number]!, count]));
    const facets: Facets = { source: Object.fromEntries(sourceCounts.sort(byCountThenName)) };
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
      facets[name] = Object.fromEntries(entries.sort(byCountThenName).slice(0, valueLimit));
    }
    return facets;
  }
}
