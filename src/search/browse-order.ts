/**
 * Browse order: newest first, undated last, then by id. Documents take their
 * positions in this order at build time, so it is also relevance's last tie
 * breaker; a router merging shards' hits breaks ties with it, from each hit's
 * date and id, and gets the order one index's positions would give.
 */
import { compareStrings } from "../strings";
import { dateSpan } from "./dates";

export function browseOrder(a: { id: string; date: string | null }, b: { id: string; date: string | null }): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    const order = compareStrings(dateSpan(b.date).start, dateSpan(a.date).start);
    if (order !== 0) return order;
  }
  return compareStrings(a.id, b.id);
}
