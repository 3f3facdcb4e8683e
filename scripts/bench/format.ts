/** Plain-text tables and the number formats the bench prints. */

/** A titled table; a table with no row but its header says so instead. */
export function section(title: string, rows: string[][]): string {
  return rows.length <= 1 ? `${title}\n(nothing measured)` : `${title}\n${table(rows)}`;
}

/**
 * Columns padded to their widest cell: numbers right-aligned, text left. A
 * row shorter than the header (a failure, say) lets its last cell run on
 * past the columns without widening them.
 */
export function table(rows: readonly string[][]): string {
  const widths: number[] = [];
  const columns = rows[0]?.length ?? 0;
  for (const row of rows) {
    row.forEach((cell, i) => {
      if (row.length < columns && i === row.length - 1) return;
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row, r) =>
      row
        .map((cell, i) => {
          // A short row's last cell may be wider than its column: it runs on, unpadded.
          const pad = " ".repeat(Math.max(0, (widths[i] ?? 0) - [...cell].length));
          // The last cell unpadded.
          if (i === row.length - 1) return r > 0 && isNumeric(cell) ? pad + cell : cell;
          return r > 0 && isNumeric(cell) ? pad + cell : cell + pad;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function isNumeric(cell: string): boolean {
  return /^[\d.,×—/ ()!-]+$/.test(cell) && /\d|—/.test(cell);
}

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "—";
}

/** Milliseconds with the precision they deserve: 0.042, 3.41, 57.2, 630. */
export function ms(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/** Seconds from milliseconds, as precise as ms() is: a stage of a small build takes 0.012 s, of a large one 2400 s. */
export function seconds(milliseconds: number | null | undefined): string {
  return ms(milliseconds == null ? milliseconds : milliseconds / 1000);
}

export const MiB = 1024 * 1024;

export function mib(bytes: number | null | undefined): string {
  return bytes == null || !Number.isFinite(bytes) ? "—" : (bytes / MiB).toFixed(1);
}

/** KiB, whole: what a query reads is tens to hundreds of them. */
export function kib(bytes: number | null | undefined): string {
  return bytes == null || !Number.isFinite(bytes) ? "—" : (bytes / 1024).toFixed(0);
}

export function times(value: number | null): string {
  if (value === null) return "—";
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)}×`;
}

/** A query as JSON, cut to `length` characters with an ellipsis inside the quotes. */
export function quoted(q: string, length = 36): string {
  return JSON.stringify(q.length > length ? `${q.slice(0, length)}…` : q);
}

/** A step that did not happen: failed, or skipped on purpose (the reason says why). */
export function failedText(reason: string, skipped = false): string {
  return skipped ? `skipped: ${reason.replace(/^not built: /, "").slice(0, 200)}` : `failed: ${reason.slice(0, 160)}`;
}
