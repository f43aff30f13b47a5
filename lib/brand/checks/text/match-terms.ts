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
import { type FoldedText, foldText } from "./fold-text";

const GAP_NONE = 0;
const GAP_PUNCT = 1;
const GAP_SPACE = 2;

/** Digits people type for letters ("ch3ap", "b4nned"). */
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };

const WORD_UNIT = /[\p{L}\p{N}]/u;

interface Skeleton {
  text: string;
  starts: Uint32Array;
  ends: Uint32Array;
  /** gap[k]: what separates unit k-1 from unit k; gap[0] and gap[length] are edges (GAP_SPACE). */
  gap: Uint8Array;
  /** Number of folded units in gap[k], capped. */
  gapLength: Uint16Array;
}

export interface CompiledTerm {
  term: string;
  skeleton: string;
  /** Offsets inside `skeleton` where the term itself starts a new word ("summit supply" → 6). */
  wordBreaks: ReadonlySet<number>;
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
}

const skeletons = new WeakMap<FoldedText, Skeleton>();

function skeletonOf(folded: FoldedText): Skeleton {
  const cached = skeletons.get(folded);
  if (cached) return cached;
  const units: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const gap: number[] = [GAP_SPACE];
  const gapLength: number[] = [0];
  let pendingGap = GAP_NONE;
  let pendingLength = 0;
  const pushUnit = (unit: string, k: number) => {
    if (units.length > 0) {
      gap.push(pendingGap);
      gapLength.push(Math.min(pendingLength, 0xffff));
    }
    units.push(unit);
    starts.push(folded.starts[k]!);
    ends.push(folded.ends[k]!);
    pendingGap = GAP_NONE;
    pendingLength = 0;
  };
  for (let k = 0; k < folded.text.length; k++) {
    const unit = folded.text[k]!;
    if (WORD_UNIT.test(unit)) {
      pushUnit(LEET[unit] ?? unit, k);
    } else if (unit === "&") {
      // "Peak & Pine", "Peak&Pine" and "Peak and Pine" are one name.
      pendingGap = GAP_SPACE;
      for (const letter of "and") pushUnit(letter, k);
      pendingGap = GAP_SPACE;
    } else if (isLetterSign(folded.text, k)) {
      pushUnit(unit === "@" ? "a" : "s", k);
    } else {
      pendingGap = unit === " " ? GAP_SPACE : Math.max(pendingGap, GAP_PUNCT);
      pendingLength++;
    }
  }
  gap.push(GAP_SPACE);
  gapLength.push(0);
  const skeleton: Skeleton = {
    text: units.join(""),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
    gap: Uint8Array.from(gap),
    gapLength: Uint16Array.from(gapLength),
  };
  skeletons.set(folded, skeleton);
  return skeleton;
}

/**
 * "@" and "$" typed for a and s inside a word ("Tr@ilCo", "ca$h"), but not an email's "@".
 */
function isLetterSign(text: string, k: number): boolean {
  const unit = text[k];
  if (unit !== "@" && unit !== "$") return false;
  if (!/\p{L}/u.test(text[k - 1] ?? "") || !/\p{L}/u.test(text[k + 1] ?? "")) return false;
  return unit === "$" || !EMAIL_DOMAIN.test(text.slice(k + 1, k + 80));
}

const EMAIL_DOMAIN = /^[a-z0-9-]{1,63}\.[a-z]{2}/;

/** Undefined when the term has no letters or digits to match. */
export function compileTerm(term: string): CompiledTerm | undefined {
  const skeleton = skeletonOf(foldText(term));
  if (skeleton.text.length === 0) return undefined;
  const wordBreaks = new Set<number>();
  for (let k = 1; k < skeleton.text.length; k++) if (skeleton.gap[k] !== GAP_NONE) wordBreaks.add(k);
  return { term, skeleton: skeleton.text, wordBreaks };
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
    const length = term.skeleton.length;
    for (
      let at = skeleton.text.indexOf(term.skeleton);
      at !== -1;
      at = skeleton.text.indexOf(term.skeleton, at + 1)
    ) {
      if (accepts(skeleton, term, at, options)) found.push({ term: term.term, at, length });
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

function accepts(skeleton: Skeleton, term: CompiledTerm, at: number, options: MatchOptions): boolean {
  const length = term.skeleton.length;
  // Whole words only: something other than a letter or digit on both sides.
  if (skeleton.gap[at] === GAP_NONE || skeleton.gap[at + length] === GAP_NONE) return false;
  let spaces = 0;
  let spaceAt = 0;
  let joinedInsideWord = false;
  for (let k = 1; k < length; k++) {
    const gap = skeleton.gap[at + k]!;
    if (term.wordBreaks.has(k)) continue;
    if (options.loose) {
      if (skeleton.gapLength[at + k]! > 3) return false;
      continue;
    }
    if (gap === GAP_SPACE) {
      spaces++;
      spaceAt = k;
    }
    if (gap === GAP_NONE) joinedInsideWord = true;
  }
  if (spaces === 0 || !joinedInsideWord) return true;
  // Otherwise spaces inside a word are accepted once, between two parts of three letters or
  // more ("bullet proof", "rain coat"); short parts are real words ("trail co-op" ≠ TrailCo).
  return spaces === 1 && spaceAt >= 3 && length - spaceAt >= 3;
}
