/** The relevance report's one error type: a problem it names and stops on. */

/** Printed as its message alone (no stack): it says what to fix. */
export class RelevanceError extends Error {
  override name = "RelevanceError";
}
