/**
 * collapse=copies: near-copies (versions of one story: corpus/related.ts's
 * copy groups) fold into the best-ranked of them, as a news reader shows a
 * story once with "and n more". Folding comes before paging, so pages
 * stay exact: a page's hits are the best of their groups among every
 * filtered match, never a group cut by a page boundary.
 */
import type { Candidates } from "./candidates";
import type { IndexView } from "./index/view";
import type { SortOrder } from "./query";
import { rowOrder } from "./rank";

/** What folding leaves: the rows that stay hits, and the rows folded into each. */
export interface Folded {
  /** The rows kept, in the order they were given: every row of no group, and each group's best. */
  rows: Int32Array;
  /** A kept row → the other rows of its group, best first (absent: it folded none). */
  copies: Map<number, number[]>;
}

/**
 * Folds `rows` of the candidates by `groups` (a copy group, or -1, per
 * document position), keeping of each group the row the request's order
 * puts first. Linear in the rows, plus sorting each group's copies.
 */
export function foldCopies(index: IndexView, candidates: Candidates, rows: Int32Array, order: SortOrder, groups: Int32Array): Folded {
  const compare = rowOrder(index, candidates, order);
  const members = new Map<number, number[]>();
  for (const row of rows) {
    const group = groups[candidates.positions[row]!]!;
    if (group === -1) continue;
    const list = members.get(group);
    if (list) list.push(row);
    else members.set(group, [row]);
  }
  const copies = new Map<number, number[]>();
  const folded = new Set<number>();
  for (const list of members.values()) {
    if (list.length === 1) continue;
    list.sort(compare);
    copies.set(list[0]!, list.slice(1));
    for (let i = 1; i < list.length; i++) folded.add(list[i]!);
  }
  return { rows: folded.size === 0 ? rows : rows.filter((row) => !folded.has(row)), copies };
}
