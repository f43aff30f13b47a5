/**
 * Folds text once into a comparison form, keeping for every folded UTF-16 unit the range of
 * the original it came from, so that matches found in the fold are reported (and fixed) in
 * the original. Folding undoes the cheap ways of dodging a word list: case, width and other
 * compatibility forms (NFKD), accents, invisible format characters and common homoglyphs.
 */

export interface FoldedText {
  /** Lower case, no marks or format characters, whitespace runs collapsed to one space. */
  text: string;
  /** Original start offset of each unit of `text`. */
  starts: Uint32Array;
  /** Original end offset (exclusive) of each unit of `text`. */
  ends: Uint32Array;
}

/** Cyrillic and Greek letters that render like Latin ones (after lower-casing). */
const HOMOGLYPHS: Readonly<Record<string, string>> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t",
  у: "y", х: "x", і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", ɡ: "g", ı: "i",
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u",
  χ: "x", ω: "w",
}; // prettier-ignore

/** Symbols whose compatibility decomposition is letters ("™" → "TM") but which are not words. */
const KEEP_AS_SYMBOL = new Set(["™", "℠", "®", "©", "℗"]);

const MARK = /\p{M}/u;
const FORMAT = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f]/u;
const SPACE = /\s/u;

export function foldText(original: string): FoldedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (unit: string, start: number, end: number) => {
    out.push(unit);
    starts.push(start);
    ends.push(end);
  };
  let i = 0;
  while (i < original.length) {
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const end = i + ch.length;
    if (cp < 0x80) {
      // ASCII fast path: most marketing copy is mostly ASCII.
      if (SPACE.test(ch)) pushSpace(i, end);
      else push(ch.toLowerCase(), i, end);
    } else if (KEEP_AS_SYMBOL.has(ch)) {
      push(ch, i, end);
    } else if (SPACE.test(ch)) {
      pushSpace(i, end);
    } else if (FORMAT.test(ch)) {
      // Invisible: dropped, so "ban\u200Bned" folds to "banned".
    } else {
      let produced = false;
      for (const unit of foldCodePoint(ch)) {
        if (SPACE.test(unit)) pushSpace(i, end);
        else push(unit, i, end);
        produced = true;
      }
      // A combining mark belongs to the letter before it: widen that letter's range.
      if (!produced && MARK.test(ch) && ends.length > 0 && ends[ends.length - 1] === i) {
        ends[ends.length - 1] = end;
      }
    }
    i = end;
  }
  return { text: out.join(""), starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };

  function pushSpace(start: number, end: number) {
    if (out.length > 0 && out[out.length - 1] === " " && ends[ends.length - 1] === start) {
      ends[ends.length - 1] = end;
    } else push(" ", start, end);
  }
}

/** The folded UTF-16 units of one code point; empty when it folds away (a bare mark). */
function foldCodePoint(ch: string): string[] {
  const units: string[] = [];
  for (const part of ch.normalize("NFKD")) {
    if (MARK.test(part)) continue;
    for (const lower of part.toLowerCase()) {
      if (MARK.test(lower)) continue;
      const mapped = HOMOGLYPHS[lower] ?? lower;
      // Astral letters stay whole; they are two units that map to the same original range.
      for (let k = 0; k < mapped.length; k++) units.push(mapped[k]!);
    }
  }
  return units;
}

let lastInput: string | undefined;
let lastFolded: FoldedText | undefined;

/** `foldText` remembering the last input: one content run folds once for all its checks. */
export function foldTextCached(original: string): FoldedText {
  if (lastFolded === undefined || lastInput !== original) {
    lastFolded = foldText(original);
    lastInput = original;
  }
  return lastFolded;
}
