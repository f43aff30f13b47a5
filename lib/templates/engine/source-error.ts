/**
 * Where in a template source something went wrong, for the editor to underline. Lines and
 * columns are 1-based, as editors show them (Handlebars' own columns are 0-based).
 */
import { handlebars } from "@/lib/templates/engine/handlebars-env";

export interface SourceError {
  message: string;
  line: number;
  column: number;
}

interface Located {
  loc?: { start: { line: number; column: number } };
}

export function errorAt(node: Located, message: string): SourceError {
  return { message, line: node.loc?.start.line ?? 1, column: (node.loc?.start.column ?? 0) + 1 };
}

interface HandlebarsException {
  message: string;
  lineNumber?: number;
  column?: number;
}

/** What the parser's token names mean to someone editing a template. */
const PARSE_HINTS: Record<string, string> = {
  INVALID: "a {{ … }} is not closed, or has a stray brace or character",
  EOF: "the template ends inside a tag or with a block left open",
  CLOSE: "the tag closes before it names a variable or helper",
  CLOSE_UNESCAPED: "}}} does not match the {{ that opens this tag",
};

/** The jison lexer's position of the token it stopped at; read right after a failed parse. */
function lexerPosition(): { first_line: number; first_column: number } | undefined {
  const parser = (
    handlebars as unknown as {
      Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } };
    }
  ).Parser;
  return parser?.lexer?.yylloc;
}

/**
 * Handlebars reports problems two ways: its own `Exception` carries `lineNumber` and a
 * 0-based `column` (and repeats them as " - 3:4" in the message); the generated parser
 * throws a plain `Error` whose message names only the line, so the column comes from the
 * lexer, which is synchronous and still holds the failing token when we get here.
 */
export function toSourceError(err: unknown): SourceError {
  const e = (err ?? {}) as HandlebarsException;
  const raw = typeof e.message === "string" ? e.message : String(err);
  if (typeof e.lineNumber === "number") {
    return { message: raw.replace(/ - \d+:\d+$/, ""), line: e.lineNumber, column: (e.column ?? 0) + 1 };
  }
  const parseError = /^(?:Parse|Lexical) error on line (\d+)/.exec(raw);
  if (parseError) {
    const pos = lexerPosition();
    const line = Number(parseError[1]);
    const got = /got '([A-Z_]+)'$/.exec(raw)?.[1];
    return {
      message: `The template cannot be parsed here: ${PARSE_HINTS[got ?? ""] ?? `unexpected ${got ?? "text"}`}`,
      line,
      column: pos && pos.first_line === line ? pos.first_column + 1 : 1,
    };
  }
  return { message: raw, line: 1, column: 1 };
}
