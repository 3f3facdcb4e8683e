/**
 * Why a search from the page cannot run, in the words of the page's own
 * fields ("From", "Sources") rather than the API's parameter names, with
 * what to do about it. The API's messages name its parameters; a person
 * filling the form has never seen them.
 */
import type { ApiError } from "../errors";
import { LIMITS } from "../limits";

export function pageMessage({ code, message }: ApiError): string {
  switch (code) {
    case "query_too_long":
      return `The search is too long: at most ${LIMITS.queryBytes} bytes, about ${LIMITS.queryBytes} letters of English (fewer in other scripts).`;
    case "only_excluded_terms":
      return "Add a word to look for: a search of only -excluded words leaves nothing to find.";
    case "too_many_sources":
      return `Choose at most ${LIMITS.sources} sources or values in one group.`;
    case "invalid_parameter":
      // The date fields: the only ones a person types a malformed value into.
      if (/^from must not be later/.test(message)) return "The From date is after the To date.";
      if (/^(?:from|to) /.test(message)) return "A date is a year, a month or a day, such as 2017, 2017-05 or 2017-05-02.";
      return message;
    default:
      return message;
  }
}
