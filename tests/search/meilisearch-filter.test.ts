import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FILTER_LIMITS,
  FilterSyntaxError,
  filterAttributes,
  parseFilter,
  printFilter,
  type ComparisonOperator,
  type FilterExpression,
} from "../../src/meilisearch/filter";

const compare = (attribute: string, operator: ComparisonOperator, value: string): FilterExpression => ({ kind: "compare", attribute, operator, value });
const is = (attribute: string, value: string) => compare(attribute, "=", value);
const not = (negated: FilterExpression): FilterExpression => ({ kind: "not", negated });
const and = (...all: FilterExpression[]): FilterExpression => ({ kind: "and", all });
const or = (...any: FilterExpression[]): FilterExpression => ({ kind: "or", any });
const inList = (attribute: string, values: string[]): FilterExpression => ({ kind: "in", attribute, values });
const exists = (attribute: string): FilterExpression => ({ kind: "exists", attribute });
const range = (attribute: string, from: string, to: string): FilterExpression => ({ kind: "range", attribute, from, to });

/** The error parseFilter throws, reduced to what the tests compare. */
function failure(filter: unknown): { column: number; message: string } {
  try {
    parseFilter(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterSyntaxError);
    const { column, message } = error as FilterSyntaxError;
    return { column, message };
  }
  throw new Error(`parseFilter accepted ${JSON.stringify(filter)}`);
}

describe("parseFilter", () => {
  it("reads every comparison operator, with or without spaces around it", () => {
    expect(parseFilter("year = 2016")).toEqual(compare("year", "=", "2016"));
    expect(parseFilter("year != 2016")).toEqual(compare("year", "!=", "2016"));
    expect(parseFilter("year > 2016")).toEqual(compare("year", ">", "2016"));
    expect(parseFilter("year >= 2016")).toEqual(compare("year", ">=", "2016"));
    expect(parseFilter("year < 2016")).toEqual(compare("year", "<", "2016"));
    expect(parseFilter("year <= 2016")).toEqual(compare("year", "<=", "2016"));
    expect(parseFilter("date>=2016")).toEqual(compare("date", ">=", "2016"));
    expect(parseFilter('"source"="AP"')).toEqual(is("source", "AP"));
  });

  it("reads IN and NOT IN lists, with a trailing comma or empty", () => {
    expect(parseFilter("source IN [AP, Reuters]")).toEqual(inList("source", ["AP", "Reuters"]));
    expect(parseFilter("source IN [AP, 'Reuters',]")).toEqual(inList("source", ["AP", "Reuters"]));
    expect(parseFilter("source IN []")).toEqual(inList("source", []));
    expect(parseFilter("source NOT IN [AP]")).toEqual(not(inList("source", ["AP"])));
  });

  it("reads EXISTS and NOT EXISTS", () => {
    expect(parseFilter("author EXISTS")).toEqual(exists("author"));
    expect(parseFilter("author NOT EXISTS")).toEqual(not(exists("author")));
  });

  it("reads a range with TO, both ends as written", () => {
    expect(parseFilter("year 2010 TO 2016")).toEqual(range("year", "2010", "2016"));
  });

  it("reads bare ISO dates and timestamps as single values", () => {
    expect(parseFilter("date 2016-02-01 TO 2016-02-28")).toEqual(range("date", "2016-02-01", "2016-02-28"));
    expect(parseFilter("date >= 2016-02-28T10:00:00Z")).toEqual(compare("date", ">=", "2016-02-28T10:00:00Z"));
    expect(parseFilter("date < 2016-02-28T10:00:00+01:00")).toEqual(compare("date", "<", "2016-02-28T10:00:00+01:00"));
  });

  it("reads NOT before a condition, and NOT NOT as two negations", () => {
    expect(parseFilter("NOT source = AP")).toEqual(not(is("source", "AP")));
    expect(parseFilter("NOT NOT source = AP")).toEqual(not(not(is("source", "AP"))));
    expect(parseFilter("NOT source NOT IN [AP]")).toEqual(not(not(inList("source", ["AP"]))));
  });

  it("binds AND tighter than OR", () => {
    expect(parseFilter("a = 1 OR b = 2 AND c = 3")).toEqual(or(is("a", "1"), and(is("b", "2"), is("c", "3"))));
    expect(parseFilter("a = 1 AND b = 2 OR c = 3")).toEqual(or(and(is("a", "1"), is("b", "2")), is("c", "3")));
  });

  it("lets parentheses override precedence, leaving no node of their own", () => {
    expect(parseFilter("(a = 1 OR b = 2) AND c = 3")).toEqual(and(or(is("a", "1"), is("b", "2")), is("c", "3")));
    expect(parseFilter("((a = 1))")).toEqual(is("a", "1"));
    expect(parseFilter("NOT (a = 1 OR b = 2)")).toEqual(not(or(is("a", "1"), is("b", "2"))));
  });

  it("flattens AND inside AND and OR inside OR, keeping the written order", () => {
    expect(parseFilter("a = 1 AND (b = 2 AND c = 3)")).toEqual(and(is("a", "1"), is("b", "2"), is("c", "3")));
    expect(parseFilter("(a = 1 OR b = 2) OR (c = 3 OR d = 4)")).toEqual(or(is("a", "1"), is("b", "2"), is("c", "3"), is("d", "4")));
  });

  it("reads quoted attributes and values with backslash escapes", () => {
    expect(parseFilter('"first name" = "Jane \\"JD\\" Doe"')).toEqual(is("first name", 'Jane "JD" Doe'));
    expect(parseFilter('path = "C:\\\\temp"')).toEqual(is("path", "C:\\temp"));
    expect(parseFilter("title = 'it\\'s'")).toEqual(is("title", "it's"));
    expect(parseFilter("title = 'say \"hi\"'")).toEqual(is("title", 'say "hi"'));
    expect(parseFilter('title = "AND"')).toEqual(is("title", "AND"));
    expect(parseFilter('title = ""')).toEqual(is("title", ""));
  });

  it("reads the nested array instant-meilisearch sends for a refinement list as one OR", () => {
    expect(parseFilter([['"source"="Reuters"', '"source"="AP"']])).toEqual(or(is("source", "Reuters"), is("source", "AP")));
  });

  it("treats lower-case keywords as ordinary bare words", () => {
    expect(parseFilter("source = and")).toEqual(is("source", "and"));
    expect(parseFilter("or = not")).toEqual(is("or", "not"));
    expect(parseFilter("and EXISTS")).toEqual(exists("and"));
    expect(failure("tags in [x]").message).toMatch(/after the attribute `tags` but instead got `in` at column 6: /);
  });

  it("allows tabs and newlines between tokens", () => {
    expect(parseFilter("a\t=\n1\r\nOR\tb EXISTS")).toEqual(or(is("a", "1"), exists("b")));
  });

  it("returns null for no filter: null, undefined, blank strings and empty arrays", () => {
    expect(parseFilter(null)).toBeNull();
    expect(parseFilter(undefined)).toBeNull();
    expect(parseFilter("")).toBeNull();
    expect(parseFilter(" \n ")).toBeNull();
    expect(parseFilter([])).toBeNull();
    expect(parseFilter([""])).toBeNull();
    expect(parseFilter([[], [""], null])).toBeNull();
  });

  it("ANDs the array's elements and ORs the strings of an inner array", () => {
    expect(parseFilter(["a = 1", ["b = 2", "c = 3"]])).toEqual(and(is("a", "1"), or(is("b", "2"), is("c", "3"))));
    expect(parseFilter(["a = 1"])).toEqual(is("a", "1"));
    expect(parseFilter([["a = 1"], "", "b = 2"])).toEqual(and(is("a", "1"), is("b", "2")));
  });

  it("parses each string of the array as a whole expression, flattening into the array's AND and OR", () => {
    expect(parseFilter(["a = 1 OR b = 2", "c = 3 AND d = 4"])).toEqual(and(or(is("a", "1"), is("b", "2")), is("c", "3"), is("d", "4")));
    expect(parseFilter([["a = 1 OR b = 2", "c = 3 AND d = 4"]])).toEqual(or(is("a", "1"), is("b", "2"), and(is("c", "3"), is("d", "4"))));
  });
});

describe("parseFilter's errors", () => {
  it("ends the message with the column and an excerpt of the expression", () => {
    const error = (() => {
      try {
        parseFilter("source = ");
      } catch (error) {
        return error as FilterSyntaxError;
      }
    })();
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect(error?.name).toBe("FilterSyntaxError");
    expect(error?.message).toBe("Expression `source =` is missing a value at column 10: source = ");
    expect(error?.column).toBe(10);
    expect(error?.expression).toBe("source = ");
  });

  it("keeps the excerpt to 40 characters around the column, marking what it leaves out", () => {
    const filter = `${"a = 1 AND ".repeat(10)}b = `;
    expect(failure(filter)).toEqual({
      column: 105,
      message: "Expression `b =` is missing a value at column 105: …1 AND a = 1 AND a = 1 AND a = 1 AND b = ",
    });
    expect(failure(`c ${"x".repeat(100)}`).message).toBe(
      "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS` after the attribute `c` but instead got " +
        "`xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…` at column 3: c xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…",
    );
  });

  it("says a value is missing after an operator", () => {
    expect(failure("source =")).toEqual({ column: 9, message: "Expression `source =` is missing a value at column 9: source =" });
    expect(failure("date 2016 TO")).toEqual({ column: 13, message: "Expression `date 2016 TO` is missing a value at column 13: date 2016 TO" });
  });

  it("says an operation is missing after an attribute", () => {
    const expected =
      "Was expecting an operation `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS` after the attribute `source`";
    expect(failure("source AP")).toEqual({ column: 8, message: `${expected} but instead got \`AP\` at column 8: source AP` });
    expect(failure("source")).toEqual({ column: 7, message: `${expected} but instead got the end of the filter at column 7: source` });
    expect(failure("source NOT AP").message).toBe("Was expecting `IN` or `EXISTS` after `NOT` but instead got `AP` at column 12: source NOT AP");
  });

  it("rejects == and a lone !, which are not operators", () => {
    expect(failure("a == 1")).toEqual({ column: 4, message: "Was expecting a value but instead got `=`: `==` is not an operator at column 4: a == 1" });
    expect(failure("a ! 1")).toEqual({ column: 3, message: "Found `!` alone: the operator is `!=`, and `NOT` negates a condition at column 3: a ! 1" });
  });

  it("rejects a ( that is never closed and a ) that closes nothing", () => {
    expect(failure("(a = 1")).toEqual({
      column: 7,
      message: "Was expecting `)` to close the `(` at column 1 but instead got the end of the filter at column 7: (a = 1",
    });
    expect(failure("a = 1)")).toEqual({ column: 6, message: "Found an unexpected `)`: no `(` is open for it to close at column 6: a = 1)" });
    expect(failure("(a = 1 b = 2)")).toEqual({ column: 8, message: "Was expecting `AND`, `OR` or `)` but instead got `b` at column 8: (a = 1 b = 2)" });
  });

  it("rejects an unterminated quoted string, pointing at its opening quote", () => {
    expect(failure('a = "AP')).toEqual({ column: 5, message: 'Found an unterminated quoted string: the `"` here is never closed at column 5: a = "AP' });
    expect(failure("a = 'AP\\'")).toEqual({ column: 5, message: "Found an unterminated quoted string: the `'` here is never closed at column 5: a = 'AP\\'" });
  });

  it("rejects a bare keyword where a value belongs, saying to quote it", () => {
    expect(failure("title = AND")).toEqual({
      column: 9,
      message: 'Was expecting a value but instead got `AND`; quote it ("AND") to use it as a value at column 9: title = AND',
    });
    expect(failure("title IN [a, TO]").column).toBe(14);
  });

  it("rejects a trailing AND, and two conditions with nothing between them", () => {
    expect(failure("a = 1 AND")).toEqual({ column: 10, message: "Was expecting a condition or `(` after `AND` but instead got the end of the filter at column 10: a = 1 AND" });
    expect(failure("a = 1 b = 2")).toEqual({ column: 7, message: "Was expecting `AND`, `OR` or the end of the filter but instead got `b` at column 7: a = 1 b = 2" });
    expect(failure("a = 1 and b = 2").message).toBe(
      "Was expecting `AND`, `OR` or the end of the filter but instead got `and` (keywords are upper case: `AND`) at column 7: a = 1 and b = 2",
    );
  });

  it("rejects characters that belong only inside quotes, and malformed lists", () => {
    expect(failure("a = café")).toEqual({ column: 8, message: "Found `é`, which may appear only inside a quoted value ('…' or \"…\") at column 8: a = café" });
    expect(failure("a IN [1 2]")).toEqual({ column: 9, message: "Was expecting `,` or `]` in the list but instead got `2` at column 9: a IN [1 2]" });
    expect(failure("a IN [1,")).toEqual({ column: 9, message: "Was expecting `]` to close the list at column 6 but instead got the end of the filter at column 9: a IN [1," });
    expect(failure("a IN 1").column).toBe(6);
  });

  it("rejects an array inside an inner array, naming where", () => {
    expect(failure([["a = 1", ["b = 2"]]])).toEqual({
      column: 1,
      message:
        'Filter element [0][1]: the element is an array, but a filter must be a string, or an array whose elements are strings or arrays of strings (two levels at most: the outer ones ANDed, the inner ones ORed) at column 1: ["b = 2"]',
    });
  });

  it("rejects a filter or an element that is not a string, an array or null", () => {
    expect(failure(2016)).toEqual({
      column: 1,
      message: "The filter is a number, but a filter must be a string, or an array whose elements are strings or arrays of strings at column 1: 2016",
    });
    expect(failure({ source: "AP" }).message).toMatch(/^The filter is an object, but a filter must be/);
    expect(failure(["a = 1", true]).message).toMatch(/^Filter element \[1\]: the element is a boolean, but a filter must be/);
    expect(failure([["a = 1", 7]]).message).toMatch(/^Filter element \[0\]\[1\]: the element is a number/);
  });

  it("reports an error in the array form at its column within the element, naming the element", () => {
    expect(failure(["a = 1", ["b = 2", "c ="]])).toEqual({ column: 4, message: "Filter element [1][1]: Expression `c =` is missing a value at column 4: c =" });
  });
});

describe("parseFilter's limits", () => {
  it(`rejects a string longer than ${FILTER_LIMITS.length} characters, at the first character past the limit`, () => {
    const longest = `title = "${"x".repeat(FILTER_LIMITS.length - 10)}"`;
    expect(longest).toHaveLength(FILTER_LIMITS.length);
    expect(parseFilter(longest)).toEqual(is("title", "x".repeat(FILTER_LIMITS.length - 10)));
    expect(failure(`${longest} `)).toEqual({
      column: 2049,
      message: "The filter is longer than 2048 characters, the most it may be at column 2049: …xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\" ",
    });
    expect(failure(`title = "${"x".repeat(1_000_000)}`).message).toMatch(/^The filter is longer than 2048 characters/);
  });

  it("counts the length of an array's strings together", () => {
    const half = `a = "${"x".repeat(FILTER_LIMITS.length / 2 - 6)}"`;
    expect(half).toHaveLength(FILTER_LIMITS.length / 2);
    expect(parseFilter([half, [half]])).toEqual(and(is("a", "x".repeat(1018)), is("a", "x".repeat(1018))));
    expect(failure([half, [half, "b = 1"]])).toEqual({
      column: 1,
      message: "Filter element [1][1]: The filter's strings together are longer than 2048 characters, the most they may be at column 1: b = 1",
    });
  });

  it(`rejects parentheses and NOT nested deeper than ${FILTER_LIMITS.depth}`, () => {
    const deepest = `${"NOT ".repeat(8)}${"(".repeat(8)}a = 1${")".repeat(8)}`;
    expect(parseFilter(deepest)).toEqual(not(not(not(not(not(not(not(not(is("a", "1"))))))))));
    expect(failure(`(${deepest})`)).toEqual({
      column: 41,
      message: "The filter nests parentheses and `NOT` more than 16 deep, the most it may; flatten it at column 41: …T NOT NOT NOT NOT ((((((((a = 1)))))))))",
    });
  });

  it("stops at the depth limit on 100,000 (, reading no further: the depth error, not a stack overflow", () => {
    expect(failure("(".repeat(100_000))).toEqual({
      column: 17,
      message: "The filter nests parentheses and `NOT` more than 16 deep, the most it may; flatten it at column 17: ((((((((((((((((((((((((((((((((((((((((…",
    });
  });

  it(`rejects more than ${FILTER_LIMITS.conditions} conditions over the whole filter`, () => {
    const conditions = (count: number) => Array.from({ length: count }, (_, i) => `a${i} = 1`);
    expect(filterAttributes(parseFilter(conditions(100).join(" OR "))!)).toHaveLength(100);
    expect(failure(conditions(101).join(" OR "))).toMatchObject({ column: 1091 });
    expect(failure(conditions(101).join(" OR ")).message).toMatch(
      /^The filter has more than 100 conditions, the most it may have; match one attribute against many values with `IN \[\.\.\.\]` at column 1091: /,
    );
    expect(failure([conditions(50).join(" AND "), [conditions(51).join(" OR ")]]).message).toMatch(/^Filter element \[1\]\[0\]: The filter has more than 100 conditions/);
  });

  it(`rejects an IN list of more than ${FILTER_LIMITS.values} values, at the first one too many`, () => {
    const values = (count: number) => Array.from({ length: count }, (_, i) => i % 10).join(",");
    expect(parseFilter(`n IN [${values(100)}]`)).toEqual(inList("n", Array.from({ length: 100 }, (_, i) => String(i % 10))));
    expect(failure(`n IN [${values(101)}]`)).toEqual({
      column: 207,
      message: "The `IN` list has more than 100 values, the most it may have; split it with `OR` at column 207: …1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0]",
    });
  });
});

describe("filterAttributes", () => {
  it("names every attribute once, in the order first seen", () => {
    const expression = parseFilter(["source = AP OR date 2016 TO 2017", ["NOT author EXISTS", "tags NOT IN [x]", "source != Reuters"], "date > 2015"])!;
    expect(filterAttributes(expression)).toEqual(["source", "date", "author", "tags"]);
  });
});

describe("printFilter", () => {
  it("writes values double-quoted and parenthesises only where precedence needs it", () => {
    expect(printFilter(parseFilter("date>=2016 AND (source=AP OR source='Reuters') OR NOT (a EXISTS AND b NOT EXISTS)")!)).toBe(
      'date >= "2016" AND (source = "AP" OR source = "Reuters") OR NOT (a EXISTS AND b NOT EXISTS)',
    );
    expect(printFilter(inList("AND", ['say "hi"', "back\\slash"]))).toBe('"AND" IN ["say \\"hi\\"", "back\\\\slash"]');
    expect(printFilter(not(not(range("first name", "a", "b"))))).toBe('NOT NOT "first name" "a" TO "b"');
  });
});

/** Words that stress printing: spaces, quotes, backslashes, keywords in both cases, non-ASCII, empty. */
const WORDS = ["source", "AP", "2016-02-28", "a b", 'say "hi"', "it's", "back\\slash", "\\", '"', "'", "", "AND", "or", "NOT", "IN", "EXISTS", "TO", "é", "日本", "😀", "\ud800"];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: fc.constantFrom("a", "Z", "1", "-", ":", " ", '"', "'", "\\", "(", "]", ",", "=", "é", "😀"), maxLength: 6 }));

const condition: fc.Arbitrary<FilterExpression> = fc.oneof(
  fc.record({ kind: fc.constant("compare" as const), attribute: word, operator: fc.constantFrom<ComparisonOperator>("=", "!=", ">", ">=", "<", "<="), value: word }),
  fc.record({ kind: fc.constant("in" as const), attribute: word, values: fc.array(word, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant("range" as const), attribute: word, from: word, to: word }),
  fc.record({ kind: fc.constant("exists" as const), attribute: word }),
);

/** Expressions as parseFilter gives them: and/or of two members or more, never directly inside their own kind; at most 4 deep. */
const { expression } = fc.letrec<{ expression: FilterExpression; not: FilterExpression; and: FilterExpression; or: FilterExpression }>((tie) => {
  const depth = { maxDepth: 4, depthIdentifier: "filter", depthSize: "small" } as const;
  return {
    expression: fc.oneof(depth, condition, tie("not"), tie("and"), tie("or")),
    not: tie("expression").map((negated) => not(negated)),
    and: fc.array(fc.oneof(depth, condition, tie("not"), tie("or")), { minLength: 2, maxLength: 3 }).map((all) => and(...all)),
    or: fc.array(fc.oneof(depth, condition, tie("not"), tie("and")), { minLength: 2, maxLength: 3 }).map((any) => or(...any)),
  };
});

const TOKENS = ["a", "date", "2016-02-28", '"x y"', "'q'", '"\\""', " ", "=", "!=", ">", ">=", "<", "<=", "AND", "OR", "NOT", "IN", "EXISTS", "TO", "(", ")", "[", "]", ",", '"', "\\", "and", "é"];

describe("printFilter and parseFilter, for every expression", () => {
  it("parses what printFilter writes back to the same expression (or, past the length limit, says so)", () => {
    fc.assert(
      fc.property(expression, (original) => {
        const printed = printFilter(original);
        if (printed.length > FILTER_LIMITS.length) {
          expect(() => parseFilter(printed)).toThrow(/^The filter is longer than 2048 characters/);
        } else {
          expect(parseFilter(printed)).toEqual(original);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("either returns null or an expression, or throws FilterSyntaxError, for any input", () => {
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((tokens) => tokens.join(" ")),
      fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((tokens) => tokens.join("")),
      fc.anything(),
    );
    fc.assert(
      fc.property(input, (filter) => {
        try {
          const parsed = parseFilter(filter);
          expect(parsed === null || typeof parsed.kind === "string").toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterSyntaxError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
