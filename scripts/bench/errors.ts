/** The bench's one error type: a problem it names and stops on. */

/** Printed as its message alone (no stack): it says what to fix. */
export class BenchError extends Error {
  override name = "BenchError";
}
