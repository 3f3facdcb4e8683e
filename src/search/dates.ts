/**
 * ISO 8601 dates at the precision they were written: "2017", "2017-05",
 * "2017-05-02" or a timestamp ("2017-05-02T10:00:00Z"). A date stands for a
 * span of time (the whole year, month or day, or one instant), which is what
 * makes `from` and `to` filters inclusive at any precision. Dates without a
 * time are UTC days; a timestamp without an offset is read as UTC, so no
 * result depends on the machine's time zone.
 */

/** A date as the span of time it covers, as sortable UTC strings. */
export interface DateSpan {
  /** First instant, e.g. "2017-05-01T00:00:00.000Z". */
  start: string;
  /** Last instant, e.g. "2017-05-31T23:59:59.999Z". */
  end: string;
}

const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?$/i;

/**
 * The canonical form of a valid ISO date, or null: timestamps get a "T" and
 * upper case, everything else is kept as written.
 */
export function canonicalDate(value: string): string | null {
  if (YEAR.test(value)) return value;
  const month = MONTH.exec(value);
  if (month) return isMonth(month[2]!) ? value : null;
  const day = DAY.exec(value);
  if (day) return isCalendarDay(day[1]!, day[2]!, day[3]!) ? value : null;
  const stamp = TIMESTAMP.exec(value);
  if (!stamp || !isCalendarDay(stamp[1]!, stamp[2]!, stamp[3]!) || !isTime(stamp[4]!, stamp[5]!, stamp[6])) return null;
  const offsetValid = stamp[9] === undefined || (Number(stamp[9]) <= 14 && Number(stamp[10]) <= 59);
  return offsetValid ? value.replace(" ", "T").toUpperCase() : null;
}

/**
 * The span a canonical date covers.
 *
 * @example
 * dateSpan("2017-05") // => { start: "2017-05-01T00:00:00.000Z", end: "2017-05-31T23:59:59.999Z" }
 */
export function dateSpan(date: string): DateSpan {
  const [year, month, day] = date.slice(0, 10).split("-").map(Number) as [number, number?, number?];
  if (date.length > 10) {
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(date);
    const instant = isoString(new Date(hasOffset ? date : `${date}Z`).getTime());
    return { start: instant, end: instant };
  }
  const start = utc(year, (month ?? 1) - 1, day ?? 1);
  const next = day !== undefined ? utc(year, month! - 1, day + 1) : month !== undefined ? utc(year, month, 1) : utc(year + 1, 0, 1);
  return { start: isoString(start), end: isoString(next - 1) };
}

// Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes them as written.
function utc(year: number, monthIndex: number, day: number): number {
  return new Date(0).setUTCFullYear(year, monthIndex, day);
}

const EARLIEST = utc(0, 0, 1);
const LATEST = utc(10000, 0, 1) - 1;

// Sortable as strings only within years 0000–9999 (toISOString writes others
// with a sign and six digits), so an offset that crosses either end is
// clamped to it.
function isoString(time: number): string {
  return new Date(Math.min(LATEST, Math.max(EARLIEST, time))).toISOString();
}

function isMonth(month: string): boolean {
  return Number(month) >= 1 && Number(month) <= 12;
}

function isCalendarDay(year: string, month: string, day: string): boolean {
  if (!isMonth(month)) return false;
  const daysInMonth = new Date(utc(Number(year), Number(month), 0)).getUTCDate();
  return Number(day) >= 1 && Number(day) <= daysInMonth;
}

// No leap second (:60): JavaScript's Date cannot represent one.
function isTime(hours: string, minutes: string, seconds: string | undefined): boolean {
  return Number(hours) <= 23 && Number(minutes) <= 59 && Number(seconds ?? 0) <= 59;
}
