/**
 * The vetted helper set. Helpers return plain strings, never `SafeString`, so in HTML parts
 * Handlebars escapes what they return just as it escapes a variable. Each helper checks its
 * arguments, because a template that misuses one should fail when it is published, not
 * render something odd.
 */
import type { HelperOptions } from "handlebars";

function expectText(helper: string, value: unknown): string {
  if (typeof value !== "string") throw new Error(`${helper} expects text`);
  return value;
}

const upper = (value: unknown) => expectText("upper", value).toUpperCase();

const lower = (value: unknown) => expectText("lower", value).toLowerCase();

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Cuts between graphemes, so an emoji, a flag or an accented letter is never split in half. */
function truncate(value: unknown, max: unknown) {
  const text = expectText("truncate", value);
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1) {
    throw new Error("truncate expects a whole number of characters, e.g. {{truncate headline 40}}");
  }
  const chars = Array.from(graphemes.segment(text), (s) => s.segment);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join("")
        .trimEnd()}…`;
}

function join(list: unknown, separator: unknown) {
  if (!Array.isArray(list) || !list.every((item) => typeof item === "string")) {
    throw new Error("join expects a list");
  }
  return list.join(expectText("join", separator));
}

function ifEquals(this: unknown, a: unknown, b: unknown, options: HelperOptions) {
  return a === b ? options.fn(this) : options.inverse(this);
}

export const HELPERS = { upper, lower, truncate, join, ifEquals } as const;

export type HelperName = keyof typeof HELPERS;

/** What each helper takes, for the source checker: a value's shape or a literal. */
export const HELPER_PARAMS: Readonly<Record<HelperName, readonly ("text" | "list" | "number" | "any")[]>> = {
  upper: ["text"],
  lower: ["text"],
  truncate: ["text", "number"],
  join: ["list", "text"],
  ifEquals: ["any", "any"],
};

export const BLOCK_HELPERS: ReadonlySet<string> = new Set(["if", "unless", "each", "with", "ifEquals"]);

export function isHelperName(name: string): name is HelperName {
  return Object.hasOwn(HELPERS, name);
}
