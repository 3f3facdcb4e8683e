/**
 * Meilisearch's filter language, the subset this API serves: comparisons,
 * `IN`, `EXISTS`, `TO` ranges, `NOT`, `AND`, `OR` and parentheses, as a
 * string or as Meilisearch's array form. Grammar and error wording follow
 * https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
 *
 *   expression := and (`OR` and)*
 *   and        := not (`AND` not)*
 *   not        := `NOT` not | `(` expression `)` | condition
 *   condition  := attribute ( op value | [`NOT`] `IN` `[` values `]` | [`NOT`] `EXISTS` | value `TO` value )
 *
 * A hand-written recursive descent over a one-token-lookahead lexer; the
 * limits are checked as the text is read, so a hostile filter costs at most
 * FILTER_LIMITS.length characters of work and FILTER_LIMITS.depth of stack.
 */

import type { ComparisonOperator, FilterExpression } from "../search/filter-expression";

export type { ComparisonOperator, FilterExpression };

export const FILTER_LIMITS = {
  /** Characters (UTF-16 units) of one string filter, and of all of an array's strings together. */
  length: 2048,
  /** Nesting of parentheses and `NOT`, within one string. */
  depth: 16,
  /** compare, in, range and exists nodes, over the whole filter. */
  conditions: 100,
  /** Values in one `IN` list. */
  values: 100,
} as const;

/** Where a filter is wrong: a message for a person, and the 1-based column (in UTF-16 units) in the expression it was found at. */
export class FilterSyntaxError extends Error {
  override readonly name = "FilterSyntaxError";

  constructor(
    message: string,
    readonly column: number,
    readonly expression: string,
  ) {
    super(`${message} at column ${column}: ${excerpt(expression, column)}`);
  }
}

/** Up to 40 characters of the expression around the column, on one line. */
function excerpt(expression: string, column: number): string {
  const start = Math.max(0, Math.min(column - 1 - 20, expression.length - 40));
  const end = Math.min(expression.length, start + 40);
  const text = expression.slice(start, end).replace(/[\t\n\r\f\v]/g, " ");
  return `${start > 0 ? "…" : ""}${text}${end < expression.length ? "…" : ""}`;
}

const KEYWORDS = new Set(["AND", "OR", "NOT", "IN", "EXISTS", "TO"]);
const BARE = /[A-Za-z0-9_.:+-]+/y;
const BARE_WHOLE = /^[A-Za-z0-9_.:+-]+$/;
const OPERATION_LIST = "`=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`";
const WHAT_A_FILTER_IS = "a filter must be a string, or an array whose elements are strings or arrays of strings";

interface Token {
  kind: "bare" | "quoted" | "operator" | "(" | ")" | "[" | "]" | "," | "end";
  /** The word, the quoted text unescaped, the operator or the punctuation; "" at the end. */
  text: string;
  /** Offsets in the expression, end exclusive. */
  start: number;
  end: number;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/** Reads tokens one at a time, so that an error is the first one met reading left to right. */
class Lexer {
  private position = 0;
  private lookahead: Token | null = null;
  /** The last token taken, for messages that say what came before. */
  previous: Token | null = null;
  /** Only what the length budget allows, plus one character to notice it is exceeded. */
  private readonly scanned: string;

  constructor(
    readonly source: string,
    /** Characters this string may still use. */
    private readonly budget: number,
    private readonly overBudget: string,
    private readonly label: string,
  ) {
    this.scanned = source.slice(0, budget + 1);
  }

  peek(): Token {
    return (this.lookahead ??= this.scan());
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = null;
    this.previous = token;
    return token;
  }

  fail(message: string, offset: number): never {
    throw new FilterSyntaxError(this.label + message, offset + 1, this.source);
  }

  /** `AP`, `"AP"` as written, or "the end of the filter". */
  describe(token: Token): string {
    if (token.kind === "end") return "the end of the filter";
    const written = this.source.slice(token.start, token.end);
    return `\`${written.length > 30 ? `${written.slice(0, 30)}…` : written}\``;
  }

  private failLength(): never {
    this.fail(this.overBudget, this.budget);
  }

  private scan(): Token {
    const text = this.scanned;
    let start = this.position;
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    if (start >= this.budget && this.source.length > this.budget) this.failLength();
    const token = this.read(start);
    if (token.end > this.budget) this.failLength();
    this.position = token.end;
    return token;
  }

  private read(start: number): Token {
    const text = this.scanned;
    const at = (kind: Token["kind"], length: number, value = text.slice(start, start + length)): Token => ({
      kind,
      text: value,
      start,
      end: start + length,
    });
    if (start >= text.length) return at("end", 0, "");
    const char = text[start]!;
    switch (char) {
      case "(":
      case ")":
      case "[":
      case "]":
      case ",":
        return at(char, 1);
      case "=":
        return at("operator", 1);
      case "!":
        if (text[start + 1] === "=") return at("operator", 2);
        return this.fail("Found `!` alone: the operator is `!=`, and `NOT` negates a condition", start);
      case "<":
      case ">":
        return at("operator", text[start + 1] === "=" ? 2 : 1);
      case '"':
      case "'":
        return this.readQuoted(start, char);
    }
    BARE.lastIndex = start;
    if (BARE.test(text)) return at("bare", BARE.lastIndex - start);
    const found = String.fromCodePoint(text.codePointAt(start)!);
    return this.fail(`Found \`${found}\`, which may appear only inside a quoted value ('…' or "…")`, start);
  }

  private readQuoted(start: number, quote: string): Token {
    const text = this.scanned;
    let value = "";
    let chunk = start + 1;
    let index = chunk;
    while (index < text.length) {
      const char = text[index];
      if (char === quote) {
        return { kind: "quoted", text: value + text.slice(chunk, index), start, end: index + 1 };
      }
      if (char === "\\") {
        if (index + 1 >= text.length) break;
        // A backslash keeps the next character whatever it is.
        value += text.slice(chunk, index) + text[index + 1];
        index += 2;
        chunk = index;
      } else {
        index++;
      }
    }
    if (this.source.length > this.budget) this.failLength();
    return this.fail(`Found an unterminated quoted string: the \`${quote}\` here is never closed`, start);
  }
}

function isValue(token: Token): boolean {
  return token.kind === "quoted" || (token.kind === "bare" && !KEYWORDS.has(token.text));
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === "bare" && token.text === keyword;
}

/** A hint when a keyword was written in lower case, which makes it an ordinary word. */
function caseHint(token: Token): string {
  const upper = token.text.toUpperCase();
  return token.kind === "bare" && token.text !== upper && KEYWORDS.has(upper) ? ` (keywords are upper case: \`${upper}\`)` : "";
}

function allOf(members: FilterExpression[]): FilterExpression {
  const all = members.flatMap((member) => (member.kind === "and" ? member.all : [member]));
  return all.length === 1 ? all[0]! : { kind: "and", all };
}

function anyOf(members: FilterExpression[]): FilterExpression {
  const any = members.flatMap((member) => (member.kind === "or" ? member.any : [member]));
  return any.length === 1 ? any[0]! : { kind: "or", any };
}

/** What a whole filter shares between its strings: the conditions counted and the characters left. */
interface Budget {
  conditions: number;
  characters: number;
}

class Parser {
  private depth = 0;

  constructor(
    private readonly lexer: Lexer,
    private readonly budget: Budget,
  ) {}

  /** The whole string, or null when it holds only whitespace. */
  parse(): FilterExpression | null {
    if (this.lexer.peek().kind === "end") return null;
    const expression = this.parseOr();
    const after = this.lexer.peek();
    if (after.kind === ")") this.lexer.fail("Found an unexpected `)`: no `(` is open for it to close", after.start);
    if (after.kind !== "end") {
      this.lexer.fail(`Was expecting \`AND\`, \`OR\` or the end of the filter but instead got ${this.lexer.describe(after)}${caseHint(after)}`, after.start);
    }
    return expression;
  }

  private parseOr(): FilterExpression {
    const members = [this.parseAnd()];
    while (isKeyword(this.lexer.peek(), "OR")) {
      this.lexer.next();
      members.push(this.parseAnd());
    }
    return anyOf(members);
  }

  private parseAnd(): FilterExpression {
    const members = [this.parseNot()];
    while (isKeyword(this.lexer.peek(), "AND")) {
      this.lexer.next();
      members.push(this.parseNot());
    }
    return allOf(members);
  }

  private parseNot(): FilterExpression {
    const token = this.lexer.peek();
    if (!isKeyword(token, "NOT")) return this.parsePrimary();
    this.lexer.next();
    this.enter(token);
    const negated = this.parseNot();
    this.depth--;
    return { kind: "not", negated };
  }

  private parsePrimary(): FilterExpression {
    const token = this.lexer.peek();
    if (isValue(token)) return this.parseCondition();
    if (token.kind !== "(") {
      const previous = this.lexer.previous;
      const after = previous ? ` after ${this.lexer.describe(previous)}` : "";
      return this.lexer.fail(`Was expecting a condition or \`(\`${after} but instead got ${this.lexer.describe(token)}`, token.start);
    }
    this.lexer.next();
    this.enter(token);
    const inner = this.parseOr();
    const close = this.lexer.peek();
    if (close.kind === "end") {
      this.lexer.fail(`Was expecting \`)\` to close the \`(\` at column ${token.start + 1} but instead got the end of the filter`, close.start);
    }
    if (close.kind !== ")") {
      this.lexer.fail(`Was expecting \`AND\`, \`OR\` or \`)\` but instead got ${this.lexer.describe(close)}${caseHint(close)}`, close.start);
    }
    this.lexer.next();
    this.depth--;
    return inner;
  }

  private enter(token: Token): void {
    this.depth++;
    if (this.depth > FILTER_LIMITS.depth) {
      this.lexer.fail(`The filter nests parentheses and \`NOT\` more than ${FILTER_LIMITS.depth} deep, the most it may; flatten it`, token.start);
    }
  }

  private parseCondition(): FilterExpression {
    const name = this.lexer.next();
    const attribute = name.text;
    this.budget.conditions++;
    if (this.budget.conditions > FILTER_LIMITS.conditions) {
      this.lexer.fail(
        `The filter has more than ${FILTER_LIMITS.conditions} conditions, the most it may have; match one attribute against many values with \`IN [...]\``,
        name.start,
      );
    }
    const token = this.lexer.peek();
    if (token.kind === "operator") {
      this.lexer.next();
      return { kind: "compare", attribute, operator: token.text as ComparisonOperator, value: this.parseValue(name) };
    }
    if (isKeyword(token, "IN")) {
      this.lexer.next();
      return { kind: "in", attribute, values: this.parseList() };
    }
    if (isKeyword(token, "EXISTS")) {
      this.lexer.next();
      return { kind: "exists", attribute };
    }
    if (isKeyword(token, "NOT")) {
      this.lexer.next();
      const negated = this.lexer.peek();
      if (isKeyword(negated, "IN")) {
        this.lexer.next();
        return { kind: "not", negated: { kind: "in", attribute, values: this.parseList() } };
      }
      if (isKeyword(negated, "EXISTS")) {
        this.lexer.next();
        return { kind: "not", negated: { kind: "exists", attribute } };
      }
      return this.lexer.fail(`Was expecting \`IN\` or \`EXISTS\` after \`NOT\` but instead got ${this.lexer.describe(negated)}`, negated.start);
    }
    if (isValue(token)) {
      this.lexer.next();
      if (isKeyword(this.lexer.peek(), "TO")) {
        this.lexer.next();
        return { kind: "range", attribute, from: token.text, to: this.parseValue(name) };
      }
    }
    // `source AP` is far more often a forgotten `=` than half a range, so the message lists every operation.
    return this.lexer.fail(`Was expecting an operation ${OPERATION_LIST} after the attribute \`${attribute}\` but instead got ${this.lexer.describe(token)}`, token.start);
  }

  /** A value; `from` is where the condition began, to quote it when the value is missing. */
  private parseValue(from: Token): string {
    const token = this.lexer.peek();
    if (isValue(token)) return this.lexer.next().text;
    const previous = this.lexer.previous!;
    if (token.kind === "end") {
      const written = this.lexer.source.slice(from.start, previous.end);
      return this.lexer.fail(`Expression \`${written}\` is missing a value`, token.start);
    }
    if (token.kind === "bare") {
      return this.lexer.fail(`Was expecting a value but instead got \`${token.text}\`; quote it ("${token.text}") to use it as a value`, token.start);
    }
    if (token.kind === "operator" && previous.kind === "operator") {
      return this.lexer.fail(`Was expecting a value but instead got \`${token.text}\`: \`${previous.text}${token.text}\` is not an operator`, token.start);
    }
    return this.lexer.fail(`Was expecting a value but instead got ${this.lexer.describe(token)}`, token.start);
  }

  /** The `[...]` after `IN`: values separated by commas, a trailing comma allowed, empty allowed. */
  private parseList(): string[] {
    const open = this.lexer.peek();
    if (open.kind !== "[") this.lexer.fail(`Was expecting \`[\` after \`IN\` but instead got ${this.lexer.describe(open)}`, open.start);
    this.lexer.next();
    const values: string[] = [];
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind === "]") {
        this.lexer.next();
        return values;
      }
      if (token.kind === "end") {
        this.lexer.fail(`Was expecting \`]\` to close the list at column ${open.start + 1} but instead got the end of the filter`, token.start);
      }
      if (values.length === FILTER_LIMITS.values) {
        this.lexer.fail(`The \`IN\` list has more than ${FILTER_LIMITS.values} values, the most it may have; split it with \`OR\``, token.start);
      }
      values.push(this.parseValue(open));
      const after = this.lexer.peek();
      if (after.kind === ",") this.lexer.next();
      else if (after.kind !== "]" && after.kind !== "end") {
        this.lexer.fail(`Was expecting \`,\` or \`]\` in the list but instead got ${this.lexer.describe(after)}`, after.start);
      }
    }
  }
}

function parseString(text: string, budget: Budget, path: string | null): FilterExpression | null {
  const overBudget =
    path === null
      ? `The filter is longer than ${FILTER_LIMITS.length} characters, the most it may be`
      : `The filter's strings together are longer than ${FILTER_LIMITS.length} characters, the most they may be`;
  const label = path === null ? "" : `Filter element ${path}: `;
  const expression = new Parser(new Lexer(text, budget.characters, overBudget, label), budget).parse();
  budget.characters -= text.length;
  return expression;
}

/** The value as written, for an error about a value that is not a filter at all. */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

function notAFilter(value: unknown, path: string | null): FilterSyntaxError {
  const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
  const message =
    path === null
      ? `The filter is ${kind}, but ${WHAT_A_FILTER_IS}`
      : `Filter element ${path}: the element is ${kind}, but ${WHAT_A_FILTER_IS} (two levels at most: the outer ones ANDed, the inner ones ORed)`;
  return new FilterSyntaxError(message, 1, show(value));
}

/** One element of the array form: a string, or null/undefined/"" which add nothing. */
function parseElement(element: unknown, budget: Budget, path: string): FilterExpression | null {
  if (element === null || element === undefined) return null;
  if (typeof element === "string") return parseString(element, budget, path);
  throw notAFilter(element, path);
}

/**
 * A filter as Meilisearch takes it: a string, or an array whose elements are
 * ANDed, each a string or an array of strings ORed (two levels at most).
 * null, undefined, a blank string and an empty array are no filter: null.
 * Throws FilterSyntaxError, at the first problem reading left to right.
 *
 * @example
 * parseFilter(["source IN [AP, Reuters]", ["author NOT EXISTS"]])
 * // { kind: "and", all: [
 * //   { kind: "in", attribute: "source", values: ["AP", "Reuters"] },
 * //   { kind: "not", negated: { kind: "exists", attribute: "author" } },
 * // ] }
 */
export function parseFilter(filter: unknown): FilterExpression | null {
  const budget: Budget = { conditions: 0, characters: FILTER_LIMITS.length };
  if (filter === null || filter === undefined) return null;
  if (typeof filter === "string") return parseString(filter, budget, null);
  if (!Array.isArray(filter)) throw notAFilter(filter, null);
  const all: FilterExpression[] = [];
  for (let i = 0; i < filter.length; i++) {
    const element: unknown = filter[i];
    if (!Array.isArray(element)) {
      const expression = parseElement(element, budget, `[${i}]`);
      if (expression) all.push(expression);
      continue;
    }
    const any: FilterExpression[] = [];
    for (let j = 0; j < element.length; j++) {
      const inner: unknown = element[j];
      if (Array.isArray(inner)) throw notAFilter(inner, `[${i}][${j}]`);
      const expression = parseElement(inner, budget, `[${i}][${j}]`);
      if (expression) any.push(expression);
    }
    if (any.length > 0) all.push(anyOf(any));
  }
  return all.length > 0 ? allOf(all) : null;
}

/** Every attribute the expression names (for checking them against the filterable ones), in first-seen order, distinct. */
export function filterAttributes(expression: FilterExpression): string[] {
  const attributes = new Set<string>();
  const visit = (node: FilterExpression): void => {
    switch (node.kind) {
      case "and":
        node.all.forEach(visit);
        break;
      case "or":
        node.any.forEach(visit);
        break;
      case "not":
        visit(node.negated);
        break;
      default:
        attributes.add(node.attribute);
    }
  };
  visit(expression);
  return [...attributes];
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** Bare when it reads back as the same word, quoted otherwise. */
function printAttribute(attribute: string): string {
  return BARE_WHOLE.test(attribute) && !KEYWORDS.has(attribute) ? attribute : quote(attribute);
}

function printList(values: string[]): string {
  return `[${values.map(quote).join(", ")}]`;
}

/** A member of `and`, `or` or `not`, in parentheses when its kind binds looser than where it stands. */
function printMember(member: FilterExpression, looser: readonly FilterExpression["kind"][]): string {
  const printed = printFilter(member);
  return looser.includes(member.kind) ? `(${printed})` : printed;
}

/**
 * Writes an expression back in the language, values always double-quoted, so
 * that parseFilter(printFilter(e)) deep-equals e for any e parseFilter gives.
 *
 * @example
 * printFilter(parseFilter("date>=2016 AND (source=AP OR source='Reuters')")!)
 * // 'date >= "2016" AND (source = "AP" OR source = "Reuters")'
 */
export function printFilter(expression: FilterExpression): string {
  switch (expression.kind) {
    case "and":
      return expression.all.map((member) => printMember(member, ["and", "or"])).join(" AND ");
    case "or":
      // AND binds tighter than OR, so an `and` member needs no parentheses.
      return expression.any.map((member) => printMember(member, ["or"])).join(" OR ");
    case "not": {
      const { negated } = expression;
      if (negated.kind === "in") return `${printAttribute(negated.attribute)} NOT IN ${printList(negated.values)}`;
      if (negated.kind === "exists") return `${printAttribute(negated.attribute)} NOT EXISTS`;
      return `NOT ${printMember(negated, ["and", "or"])}`;
    }
    case "compare":
      return `${printAttribute(expression.attribute)} ${expression.operator} ${quote(expression.value)}`;
    case "in":
      return `${printAttribute(expression.attribute)} IN ${printList(expression.values)}`;
    case "range":
      return `${printAttribute(expression.attribute)} ${quote(expression.from)} TO ${quote(expression.to)}`;
    case "exists":
      return `${printAttribute(expression.attribute)} EXISTS`;
  }
}
