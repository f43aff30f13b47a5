/**
 * Whole-word phrase matching that sees through spacing and punctuation tricks
 * ("b.a.n.n.e.d", "b a n n e d", "ban-ned", "bullet proof", "Summit-Supply") without flagging a word that
 * merely contains a term ("classic" is not "ass").
 *
 * The folded text is reduced to a skeleton of letters and digits; what stood between two
 * skeleton units is remembered as a gap (none, punctuation only, or containing a space).
 * A term matches where its skeleton occurs with a gap (or the text's edge) on both sides and
 * with inner gaps that an evasion or the term's own word breaks explain. Work is one scan
 * per term (indexOf) plus the length of each candidate: linear in the text for a fixed kit.
 */
import { stemmer } from "stemmer";
import { type FoldedText, foldText } from "./fold-text";

const GAP_NONE = 0;
const GAP_PUNCT = 1;
const GAP_SPACE = 2;

/** Digits people type for letters ("ch3ap", "b4nned", "8ulletproof"). */
const LEET: Readonly<Record<string, string>> = {
  "0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
}; // prettier-ignore
/** Typed for either i or l ("k1ller", "bu||etproof", "|diot"); compared as a class, see EITHER. */
const I_OR_L = new Set(["1", "|"]);
/**
 * In the skeleton, i and l are one class (like TR39's skeletons, where I, l, 1 and | meet);
 * `exact` keeps which letter it was, and only a unit typed as either may stand for the other.
 */
const EITHER = "*";

const WORD_UNIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
/** Scripts written without spaces: a Latin name right beside them still stands alone ("比Contoso更好"). */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;

interface Skeleton {
  /** Letters and digits, leet read as letters, l written as i (see EITHER). */
  text: string;
  /** The letters as written (l stays l), EITHER where the unit may be i or l. */
  exact: string;
  starts: Uint32Array;
  ends: Uint32Array;
  /** gap[k]: what separates unit k-1 from unit k; gap[0] and gap[length] are edges (GAP_SPACE). */
  gap: Uint8Array;
  /** Number of folded units in gap[k], capped. */
  gapLength: Uint16Array;
  /** 1 where the unit was a digit read as a letter ("455" alone is a number, not "ass"). */
  typed: Uint8Array;
  /** 1 where gap[k] held a line break: a word broken across lines ("Conto\nso"). */
  gapBreak: Uint8Array;
  /** 1 where the unit was written upper case. */
  upper: Uint8Array;
  /** 1 where gap[k] is one hyphen joining two words ("co-op"). */
  gapHyphen: Uint8Array;
}

export interface CompiledTerm {
  term: string;
  skeleton: string;
  exact: string;
  /** Offsets inside `skeleton` where the term itself starts a new word ("summit supply" → 6). */
  wordBreaks: ReadonlySet<number>;
  /**
   * Offsets where a name written in camel case starts a new capital ("TrailCo" → 5): a space
   * there is a word break when the text also writes a capital ("Trail Co", "TRAIL CO"), not
   * when it is lower case ("trail co-op").
   */
  camelBreaks: ReadonlySet<number>;
  /**
   * Units the last word loses before its inflections ("supply" → "suppl|ies"): the stem
   * search looks for the term without them. 0 when inflections only add letters.
   */
  stemCut: number;
  /** Where the last word starts in `skeleton`, and whether the term writes it with a capital. */
  lastBreak: number;
  lastUpper: boolean;
  /** The term's last word, stemmed (Porter), for inflections ("killer deals", "bulletproofed"). */
  lastWord: string;
  lastStem: string;
}

export interface TermMatch {
  term: string;
  /** Offsets into the original text (UTF-16 units). */
  start: number;
  end: number;
}

export interface MatchOptions {
  /**
   * Loose matching accepts any short gap inside a match ("Trail Master Pro" for
   * "TrailMaster Pro"); used where the point is to catch variants of a name.
   */
  loose?: boolean;
  /**
   * Also match inflections of the term's last word (plural, -s/-es, -ed, -ing, by Porter
   * stem), reporting the whole inflected word. Not for checks that replace the match.
   */
  inflections?: boolean;
}

/** Longest inflection looked at past a term's end ("-ing" + "s", "-ed" with a doubled letter). */
const MAX_SUFFIX = 5;

const skeletons = new WeakMap<FoldedText, Skeleton>();

function skeletonOf(folded: FoldedText): Skeleton {
  const cached = skeletons.get(folded);
  if (cached) return cached;
  const units: string[] = [];
  const exact: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const typed: number[] = [];
  const upper: number[] = [];
  const gap: number[] = [GAP_SPACE];
  const gapLength: number[] = [0];
  const gapBreak: number[] = [0];
  const gapHyphen: number[] = [0];
  let pendingGap = GAP_NONE;
  let pendingLength = 0;
  let pendingBreak = false;
  let lastCjk = false;
  /** The gap so far is a hyphen then a line break: a word broken across lines ("bullet-\nproof"). */
  let hyphen = false;
  let hyphenBreak = false;
  const pushUnit = (unit: string, k: number, written: string, isTyped: boolean) => {
    const cjk = unit.charCodeAt(0) >= 0x1100 && CJK.test(unit);
    if (units.length > 0) {
      // Where a spaceless script meets another, the words part even without a space.
      const joined = hyphenBreak && pendingLength <= 4 ? GAP_NONE : pendingGap;
      gap.push(joined === GAP_NONE && cjk !== lastCjk ? GAP_PUNCT : joined);
      gapLength.push(Math.min(pendingLength, 0xffff));
      gapBreak.push(pendingBreak ? 1 : 0);
      gapHyphen.push(hyphen && pendingLength === 1 ? 1 : 0);
    }
    lastCjk = cjk;
    upper.push(folded.upper[k]!);
    units.push(unit === "l" ? "i" : unit);
    exact.push(written);
    starts.push(folded.starts[k]!);
    ends.push(folded.ends[k]!);
    typed.push(isTyped ? 1 : 0);
    pendingGap = GAP_NONE;
    pendingLength = 0;
    pendingBreak = false;
    hyphen = false;
    hyphenBreak = false;
  };
  const text = folded.text;
  for (let k = 0; k < text.length; k++) {
    const unit = text[k]!;
    if (isWordUnit(unit)) {
      if (unit === "n" && isLoneN(text, k)) {
        // "Peak 'n' Pine", "Peak n' Pine", "Peak N Pine" are "Peak and Pine".
        pendingGap = GAP_SPACE;
        for (const letter of "and") pushUnit(letter, k, letter, false);
        pendingGap = GAP_SPACE;
      } else if (I_OR_L.has(unit) || (folded.eitherIL[k] === 1 && (unit === "i" || unit === "l"))) {
        pushUnit("i", k, EITHER, unit === "1");
      } else {
        const letter = LEET[unit];
        pushUnit(letter ?? unit, k, letter ?? unit, letter !== undefined);
      }
    } else if (unit === "&" || (unit === "+" && !/\p{N}/u.test(text[k + 1] ?? ""))) {
      // "Peak & Pine", "Peak&Pine", "Peak + Pine" and "Peak and Pine" are one name.
      pendingGap = GAP_SPACE;
      for (const letter of "and") pushUnit(letter, k, letter, false);
      pendingGap = GAP_SPACE;
    } else if (unit === "|" && isPipeLetter(text, k)) {
      pushUnit("i", k, EITHER, false);
    } else if (isLetterSign(text, k)) {
      const letter = unit === "@" ? "a" : unit === "!" ? "i" : "s";
      pushUnit(letter, k, letter, false);
    } else {
      pendingGap = unit === " " ? GAP_SPACE : Math.max(pendingGap, GAP_PUNCT);
      pendingLength++;
      if (unit === " " && folded.breaks[k] === 1) pendingBreak = true;
      if (unit === "-" || unit === "\u2010" || unit === "\u2011") hyphen = pendingLength === 1;
      else if (unit === " " && folded.breaks[k] === 1 && hyphen) hyphenBreak = true;
      else if (unit !== " ") hyphen = hyphenBreak = false;
    }
  }
  gap.push(GAP_SPACE);
  gapLength.push(0);
  gapBreak.push(0);
  gapHyphen.push(0);
  const skeleton: Skeleton = {
    text: units.join(""),
    exact: exact.join(""),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
    gap: Uint8Array.from(gap),
    gapLength: Uint16Array.from(gapLength),
    typed: Uint8Array.from(typed),
    gapBreak: Uint8Array.from(gapBreak),
    upper: Uint8Array.from(upper),
    gapHyphen: Uint8Array.from(gapHyphen),
  };
  skeletons.set(folded, skeleton);
  return skeleton;
}

/** A letter or digit; ASCII answered without a regular expression (the hot path). */
function isWordUnit(unit: string): boolean {
  const c = unit.charCodeAt(0);
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  return WORD_UNIT.test(unit);
}

/**
 * A lone "n", bare or with apostrophes, between two words of two letters or more (so spaced-out
 * letters, "b a n n e d", stay letters).
 */
function isLoneN(text: string, k: number): boolean {
  const quote = (c: string | undefined) => c === "'" || c === "\u2019" || c === "\u2018";
  const letter = (i: number) => LETTER.test(text[i] ?? "");
  // Written into one word: "Peak'n'Pine", "Peak-n-Pine".
  const mark = text[k - 1];
  if (
    (quote(mark) || mark === "-") &&
    (text[k + 1] === mark || (quote(mark) && quote(text[k + 1]))) &&
    letter(k - 2) &&
    letter(k - 3) &&
    letter(k + 2) &&
    letter(k + 3)
  )
    return true;
  let before = k - 1;
  if (quote(text[before])) before--;
  let after = k + 1;
  if (quote(text[after])) after++;
  if (text[before] !== " " || text[after] !== " ") return false;
  return letter(before - 1) && letter(before - 2) && letter(after + 1) && letter(after + 2);
}

/** A run of up to three "|" touching a letter, typed for i or l ("bu||etproof", "|diot"). */
function isPipeLetter(text: string, k: number): boolean {
  let from = k;
  while (from > 0 && text[from - 1] === "|") from--;
  let to = k + 1;
  while (to < text.length && text[to] === "|") to++;
  if (to - from > 3) return false;
  const before = text[from - 1];
  const after = text[to];
  const edge = (c: string | undefined) => c === undefined || c === " ";
  const word = (c: string | undefined) => c !== undefined && WORD_UNIT.test(c);
  const letter = (c: string | undefined) => c !== undefined && LETTER.test(c);
  return (word(before) || edge(before)) && (word(after) || edge(after)) && (letter(before) || letter(after));
}

/**
 * "@", "$" and "!" typed for a, s and i inside a word ("Tr@ilCo", "ca$h", "k!ller"), but not an
 * email's "@"; "@" and "$" also in a run of signs ("@$$").
 */
function isLetterSign(text: string, k: number): boolean {
  const unit = text[k];
  if (unit !== "@" && unit !== "$" && unit !== "!") return false;
  const before = text[k - 1] ?? "";
  const after = text[k + 1] ?? "";
  const inWord = WORD_UNIT.test(before) && WORD_UNIT.test(after) && wordHasLetter(text, k);
  if (unit === "!") return inWord;
  // "$ummit": a dollar sign starting a word of letters (a price is "$5").
  if (unit === "$" && !WORD_UNIT.test(before) && LETTER.test(after) && LETTER.test(text[k + 2] ?? ""))
    return true;
  if (!inWord) {
    // A run of @ and $ alone ("@$$"), at least two long, standing as a word.
    let from = k;
    while (from > 0 && (text[from - 1] === "@" || text[from - 1] === "$")) from--;
    let to = k + 1;
    while (to < text.length && (text[to] === "@" || text[to] === "$")) to++;
    const edge = (c: string | undefined) => c === undefined || !WORD_UNIT.test(c);
    return (
      to - from >= 2 &&
      to - from <= 4 &&
      edge(text[from - 1]) &&
      edge(text[to]) &&
      text.slice(from, to).includes("@")
    );
  }
  return unit === "$" || !EMAIL_DOMAIN.test(text.slice(k + 1, k + 80));
}

const EMAIL_DOMAIN = /^[a-z0-9-]{1,63}\.[a-z]{2}/;

/** The word around a sign holds a letter, so its digits are leetspeak ("C0nt0$0"), not a number. */
function wordHasLetter(text: string, k: number): boolean {
  const part = (c: string | undefined) => c !== undefined && (WORD_UNIT.test(c) || c === "$" || c === "@");
  for (let i = k - 1; i >= Math.max(0, k - 30) && part(text[i]); i--) if (LETTER.test(text[i]!)) return true;
  for (let i = k + 1; i < Math.min(text.length, k + 30) && part(text[i]); i++)
    if (LETTER.test(text[i]!)) return true;
  return false;
}

/** Undefined when the term has no letters or digits to match. */
export function compileTerm(term: string): CompiledTerm | undefined {
  const skeleton = skeletonOf(foldText(term));
  if (skeleton.text.length === 0) return undefined;
  const wordBreaks = new Set<number>();
  const camelBreaks = new Set<number>();
  let lastBreak = 0;
  for (let k = 1; k < skeleton.text.length; k++) {
    if (skeleton.gap[k] !== GAP_NONE) {
      wordBreaks.add(k);
      lastBreak = k;
    } else if (
      skeleton.upper[k] === 1 &&
      skeleton.upper[k - 1] === 0 &&
      LETTER.test(skeleton.exact[k - 1]!)
    ) {
      camelBreaks.add(k);
    }
  }
  const lastWord = skeleton.exact.slice(lastBreak);
  const lastStem = stemmer(lastWord);
  let common = 0;
  while (common < lastWord.length && lastWord[common] === lastStem[common]) common++;
  // Keep at least three units of the last word to search for.
  const stemCut = common >= 3 ? lastWord.length - common : 0;
  return {
    term,
    skeleton: skeleton.text,
    exact: skeleton.exact,
    wordBreaks,
    camelBreaks,
    stemCut,
    lastBreak,
    lastUpper: skeleton.upper[lastBreak] === 1,
    lastWord,
    lastStem,
  };
}

export function compileTerms(terms: readonly string[]): CompiledTerm[] {
  return terms.map(compileTerm).filter((t): t is CompiledTerm => t !== undefined);
}

/**
 * All matches of the terms, leftmost first; where matches overlap the longer one wins, so
 * "Summit Supply" is one match even if "Summit" were a term too.
 */
export function findTerms(
  folded: FoldedText,
  terms: readonly CompiledTerm[],
  options: MatchOptions = {},
): TermMatch[] {
  const skeleton = skeletonOf(folded);
  const found: { term: string; at: number; length: number }[] = [];
  for (const term of terms) {
    // With inflections, also where the last word changes before its ending ("Summit Suppl|ies").
    const cut = options.inflections ? term.stemCut : 0;
    for (const searched of cut > 0 ? [term.skeleton, term.skeleton.slice(0, -cut)] : [term.skeleton]) {
      for (
        let at = skeleton.text.indexOf(searched);
        at !== -1;
        at = skeleton.text.indexOf(searched, at + 1)
      ) {
        const length = accepts(skeleton, term, at, options, searched.length);
        if (length > 0) found.push({ term: term.term, at, length });
      }
    }
  }
  found.sort((a, b) => a.at - b.at || b.length - a.length);
  const matches: TermMatch[] = [];
  let coveredTo = -1;
  for (const f of found) {
    if (f.at < coveredTo) continue;
    coveredTo = f.at + f.length;
    matches.push({
      term: f.term,
      start: skeleton.starts[f.at]!,
      end: skeleton.ends[f.at + f.length - 1]!,
    });
  }
  return matches;
}

/** The length of the match in skeleton units (the term, or its inflected form), 0 for none. */
function accepts(
  skeleton: Skeleton,
  term: CompiledTerm,
  at: number,
  options: MatchOptions,
  searched: number = term.skeleton.length,
): number {
  let length = searched;
  const cut = term.skeleton.length - searched;
  // i and l are one class in the skeleton: each must be what the term has, or typed as either.
  let typedOnly = true;
  for (let k = 0; k < length; k++) {
    const written = skeleton.exact[at + k]!;
    if (written !== EITHER && written !== term.exact[k]) return 0;
    if (skeleton.typed[at + k] === 0) typedOnly = false;
  }
  // Digits alone are a number or a price ("455"), not a word in leetspeak ("a55", "@$$" are).
  if (typedOnly) return 0;
  if (skeleton.gap[at] === GAP_NONE) return 0;
  if (skeleton.gap[at + length] === GAP_NONE) {
    length = options.inflections ? inflectedLength(skeleton, term, at + length, cut) : 0;
    if (length === 0) return 0;
  } else if (cut > 0) {
    return 0; // the stem search found the word cut short ("Summit Suppl")
  }
  // A changed ending keeps the name's capital: "Summit Supplies" is the name, "Summit supplies" goods.
  if (cut > 0 && term.lastUpper && skeleton.upper[at + term.lastBreak] === 0) return 0;
  let spaces = 0;
  let spaceAt = 0;
  let joinedInsideWord = false;
  for (let k = 1; k < searched; k++) {
    const gap = skeleton.gap[at + k]!;
    if (term.wordBreaks.has(k)) continue;
    // "Trail Co" and "TRAIL CO" for "TrailCo": the capital marks the name's own word break,
    // unless a hyphen carries the word on ("Trail Co-op").
    if (gap === GAP_SPACE && term.camelBreaks.has(k) && skeleton.upper[at + k] === 1) {
      if (skeleton.gapHyphen[at + length] === 1) return 0;
      continue;
    }
    if (options.loose) {
      if (skeleton.gapLength[at + k]! > 3) return 0;
      continue;
    }
    if (gap === GAP_SPACE) {
      spaces++;
      spaceAt = k;
    }
    if (gap === GAP_NONE) joinedInsideWord = true;
  }
  if (spaces === 0 || !joinedInsideWord) return length;
  // A line break inside a word is the line wrapping it, whatever the parts' lengths ("Conto\nso").
  if (spaces === 1 && skeleton.gapBreak[at + spaceAt] === 1) return length;
  // Otherwise spaces inside a word are accepted once, between two parts of three letters or
  // more ("bullet proof", "rain coat"); short parts are real words ("trail co-op" ≠ TrailCo).
  return spaces === 1 && spaceAt >= 3 && term.skeleton.length - spaceAt >= 3 ? length : 0;
}

/**
 * Where the text's word goes on past the term ("deal|s", "bulletproof|ed"), the match stands
 * if the whole word has the same Porter stem as the term's last word: "deals" and "dealing"
 * are "deal", "dealers" is not. Returns the inflected match's length, or 0.
 */
function inflectedLength(skeleton: Skeleton, term: CompiledTerm, end: number, cut: number): number {
  let to = end;
  while (to < skeleton.text.length && to - end < MAX_SUFFIX && skeleton.gap[to] === GAP_NONE) to++;
  if (skeleton.gap[to] === GAP_NONE) return 0;
  const suffix = skeleton.exact.slice(end, to).replaceAll(EITHER, "i");
  if (!/^[a-z]+$/.test(suffix)) return 0;
  if (stemmer(term.lastWord.slice(0, term.lastWord.length - cut) + suffix) !== term.lastStem) return 0;
  return term.skeleton.length - cut + (to - end);
}
