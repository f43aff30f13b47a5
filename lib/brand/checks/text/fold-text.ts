/**
 * Folds text once into a comparison form, keeping for every folded UTF-16 unit the range of
 * the original it came from, so that matches found in the fold are reported (and fixed) in
 * the original. Folding undoes the cheap ways of dodging a word list: case, width and other
 * compatibility forms (NFKD, which with marks dropped compares as NFKC does), accents,
 * invisible format characters, lookalike letters (Unicode TR39 confusables and the Latin
 * small capitals, see confusable-letters.ts), HTML character references ("&#112;", "&nbsp;")
 * and HTML tags ("bull<b></b>etproof"). One pass, with a bounded look-ahead at "&" and "<".
 */
import { decodeHTMLStrict } from "entities";
import { confusableLetters } from "./confusable-letters";

export interface FoldedText {
  /** Lower case, no marks or format characters, whitespace runs collapsed to one space. */
  text: string;
  /** Original start offset of each unit of `text`. */
  starts: Uint32Array;
  /** Original end offset (exclusive) of each unit of `text`. */
  ends: Uint32Array;
  /** 1 where the unit is a space whose run held a line break (or a block-level tag). */
  breaks: Uint8Array;
  /** 1 where an "i" or "l" came from a lookalike that may stand for either (Cyrillic palochka). */
  eitherIL: Uint8Array;
  /** 1 where the unit came from an upper-case letter ("TrailCo" has two: a name's word break). */
  upper: Uint8Array;
}

/**
 * Cyrillic and Greek letters that render like Latin ones (after lower-casing) where TR39 maps
 * them elsewhere (к → ĸ, м → ʍ): the fallback after the TR39 table.
 */
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
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;

/** A character reference: decimal, hexadecimal or named (HTML5's list, via `entities`). */
const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
/**
 * The references browsers also read without their ";" ("Peak &amp Pine", "&nbsp"), when no
 * letter or digit follows: a short list, so "&ampersand" stays text.
 */
const LEGACY_ENTITY = /&(?:amp|nbsp|lt|gt|quot|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6})(?![A-Za-z0-9;])/iy;
/** An HTML comment, which renders as nothing ("Con<!-- -->toso"). */
const COMMENT = /<!--[\s\S]{0,200}?-->/y;
/** An HTML tag with its attributes; only names of HTML elements count (not "<system>"). */
const TAG = /<\/?([A-Za-z][A-Za-z0-9]{0,9})(?:\s[^<>]{0,200})?\/?>/y;
const INLINE_TAGS = new Set(
  "a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span strike strong sub sup time tt u var wbr".split(
    " ",
  ),
);
const BLOCK_TAGS = new Set(
  "address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split(
    " ",
  ),
);

export function foldText(original: string): FoldedText {
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const breaks: number[] = [];
  const eitherIL: number[] = [];
  const push = (unit: string, start: number, end: number, either = 0) => {
    out.push(unit);
    starts.push(start);
    ends.push(end);
    breaks.push(0);
    eitherIL.push(either);
  };
  const pushSpace = (start: number, end: number, lineBreak: boolean) => {
    const last = out.length - 1;
    if (last >= 0 && out[last] === " " && ends[last] === start) {
      ends[last] = end;
      if (lineBreak) breaks[last] = 1;
    } else {
      push(" ", start, end);
      if (lineBreak) breaks[out.length - 1] = 1;
    }
  };
  const pushChar = (ch: string, start: number, end: number) => {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      // ASCII fast path: most marketing copy is mostly ASCII.
      if (SPACE.test(ch)) pushSpace(start, end, LINE_BREAK.test(ch));
      else push(ch.toLowerCase(), start, end);
    } else if (KEEP_AS_SYMBOL.has(ch)) {
      push(ch, start, end);
    } else if (SPACE.test(ch)) {
      pushSpace(start, end, LINE_BREAK.test(ch));
    } else if (FORMAT.test(ch)) {
      // Invisible: dropped, so "ban\u200Bned" folds to "banned".
    } else {
      const letters = confusableLetters(ch);
      if (letters !== null) {
        const either = letters === "i" || letters === "l" ? 1 : 0;
        for (let k = 0; k < letters.length; k++) push(letters[k]!, start, end, either);
        return;
      }
      let produced = false;
      for (const unit of foldCodePoint(ch)) {
        if (SPACE.test(unit)) pushSpace(start, end, false);
        else push(unit, start, end);
        produced = true;
      }
      // A combining mark belongs to the letter before it: widen that letter's range.
      if (!produced && MARK.test(ch) && ends.length > 0 && ends[ends.length - 1] === start) {
        ends[ends.length - 1] = end;
      }
    }
  };
  let i = 0;
  while (i < original.length) {
    const unit = original.charCodeAt(i);
    if (unit < 0x80 && unit !== 0x26 && unit !== 0x3c) {
      // ASCII fast path, without regular expressions: most marketing copy is mostly ASCII.
      if (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)) pushSpace(i, i + 1, unit >= 0x0a && unit <= 0x0d);
      else push(unit >= 0x41 && unit <= 0x5a ? String.fromCharCode(unit + 32) : original[i]!, i, i + 1);
      i++;
      continue;
    }
    if (unit === 0x26 /* & */) {
      ENTITY.lastIndex = i;
      LEGACY_ENTITY.lastIndex = i;
      const entity = ENTITY.exec(original) ?? LEGACY_ENTITY.exec(original);
      const decoded = entity
        ? decodeHTMLStrict(entity[0].endsWith(";") ? entity[0] : `${entity[0]};`)
        : undefined;
      if (entity && decoded !== undefined && decoded !== entity[0]) {
        const end = i + entity[0].length;
        for (const ch of decoded) pushChar(ch, i, end);
        i = end;
        continue;
      }
    } else if (unit === 0x3c /* < */) {
      COMMENT.lastIndex = i;
      const comment = COMMENT.exec(original);
      if (comment) {
        i += comment[0].length;
        continue;
      }
      TAG.lastIndex = i;
      const tag = TAG.exec(original);
      const name = tag?.[1]!.toLowerCase();
      if (tag && name !== undefined && (INLINE_TAGS.has(name) || BLOCK_TAGS.has(name))) {
        const end = i + tag[0].length;
        // An inline tag inside a word vanishes ("bull<b></b>etproof"); a block one is a break.
        if (BLOCK_TAGS.has(name)) pushSpace(i, end, true);
        i = end;
        continue;
      }
    }
    const cp = original.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    pushChar(ch, i, i + ch.length);
    i += ch.length;
  }
  const upper = new Uint8Array(starts.length);
  for (let k = 0; k < starts.length; k++) {
    const c = original[starts[k]!]!;
    upper[k] = c !== c.toLowerCase() ? 1 : 0;
  }
  return {
    text: out.join(""),
    starts: Uint32Array.from(starts),
    ends: Uint32Array.from(ends),
    breaks: Uint8Array.from(breaks),
    eitherIL: Uint8Array.from(eitherIL),
    upper,
  };
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
