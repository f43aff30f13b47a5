/**
 * The one Handlebars environment templates run in. It is a private `Handlebars.create()`
 * instance, so nothing registered elsewhere in the process (helpers, partials) can reach a
 * template, and nothing registered here leaks out.
 */
import Handlebars from "handlebars";
import { HELPERS } from "@/lib/templates/engine/helpers";

export const handlebars = Handlebars.create();

// `lookup` reads a property named at render time and `log` writes to the console; neither
// belongs in a template whose every variable is checked when it is published.
handlebars.unregisterHelper("lookup");
handlebars.unregisterHelper("log");
for (const [name, helper] of Object.entries(HELPERS)) handlebars.registerHelper(name, helper);

const knownHelpers = {
  ...Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  lookup: false,
  log: false,
};

/** HTML parts: everything a variable or helper produces is HTML-escaped. */
export const HTML_COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers,
  noEscape: false,
} satisfies CompileOptions;

/**
 * Text parts (the email's text/plain part, push, social) are not HTML: escaping there would
 * show a reader `Tom &amp; Jerry`. Values are still inserted as data, never compiled, and
 * triple-stash is refused in every part, so the rule "model output is never markup" holds.
 */
export const TEXT_COMPILE_OPTIONS = { ...HTML_COMPILE_OPTIONS, noEscape: true } satisfies CompileOptions;

export const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
} satisfies Handlebars.RuntimeOptions;
