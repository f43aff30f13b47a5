/**
 * Other readings of a text in which instructions hide: leetspeak ("1gn0r3"), rot13, letters
 * spaced or hyphenated apart ("i g n o r e"), and base64 or hex runs decoded. Each reading
 * keeps, per unit, the original range it came from, so a signal found in it is reported where
 * it was written. Every reading is one linear pass; decoded runs are bounded in number and size.
 */
import type { FoldedText } from "./fold-text";

export interface Reading {
  /** How the text was read, for the explanation ("rot13", "base64"). */
  via: "leetspeak" | "rot13" | "spaced letters" | "base64" | "hex";
  text: string;
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
}

export interface DecodedRun {
  via: "base64" | "hex";
  start: number;
  end: number;
  text: string;
}

const LEET: Readonly<Record<string, string>> = {
  "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "|": "l",
}; // prettier-ignore
const HAS_LEET = /[0134578@$|]/;
/** Four or more single letters in a row, each followed by a separator: "i g n o r e", "R-E-V". */
const SPACED = /(?:^|[^\p{L}\p{N}])(?:[\p{L}\p{N}][ .\-_*]{1,3}){4,}[\p{L}\p{N}]/u;
const WORD_UNIT = /[\p{L}\p{N}]/u;

const BASE64_RUN = /[A-Za-z0-9+/]{16,}={0,2}/g;
const HEX_RUN = /\b(?:[0-9a-fA-F]{2}[ :]?){8,}/g;
const MAX_DECODED_RUNS = 16;
const MAX_RUN_CHARS = 8_000;

function mapUnits(folded: FoldedText, map: (unit: string) => string): string {
  let out = "";
  for (let k = 0; k < folded.text.length; k++) out += map(folded.text[k]!);
  return out;
}

const rot13 = (unit: string) => {
  const c = unit.charCodeAt(0);
  return c >= 97 && c <= 122 ? String.fromCharCode(((c - 97 + 13) % 26) + 97) : unit;
};

export function readingsOf(folded: FoldedText): Reading[] {
  const { starts, ends } = folded;
  const readings: Reading[] = [{ via: "rot13", text: mapUnits(folded, rot13), starts, ends }];
  if (HAS_LEET.test(folded.text)) {
    readings.push({ via: "leetspeak", text: mapUnits(folded, (u) => LEET[u] ?? u), starts, ends });
  }
  if (SPACED.test(folded.text)) {
    // Letters and digits only, leet read as letters: the joined signals run on this.
    let text = "";
    const joinedStarts: number[] = [];
    const joinedEnds: number[] = [];
    for (let k = 0; k < folded.text.length; k++) {
      const unit = folded.text[k]!;
      if (!WORD_UNIT.test(unit) && LEET[unit] === undefined) continue;
      text += LEET[unit] ?? unit;
      joinedStarts.push(starts[k]!);
      joinedEnds.push(ends[k]!);
    }
    readings.push({ via: "spaced letters", text, starts: joinedStarts, ends: joinedEnds });
  }
  return readings;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decoded text that reads as words (mostly letters and spaces), or undefined. */
function asWords(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  if (!text.includes(" ") && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text))
    return undefined;
  let wordy = 0;
  for (const ch of text) if (/[\p{L}\p{M}\s.,;:!?'"’-]/u.test(ch)) wordy++;
  return wordy >= [...text].length * 0.85 ? text : undefined;
}

/** Base64 and hex runs of the original that decode to words. */
export function decodedRuns(original: string): DecodedRun[] {
  const runs: DecodedRun[] = [];
  for (const m of original.matchAll(BASE64_RUN)) {
    if (runs.length >= MAX_DECODED_RUNS) break;
    if (m[0].length > MAX_RUN_CHARS || !/[0-9+/=]|[a-z][A-Z]/.test(m[0])) continue;
    const text = asWords(Buffer.from(m[0], "base64"));
    if (text) runs.push({ via: "base64", start: m.index, end: m.index + m[0].length, text });
  }
  for (const m of original.matchAll(HEX_RUN)) {
    if (runs.length >= MAX_DECODED_RUNS) break;
    const hex = m[0].replace(/[ :]/g, "");
    if (hex.length > MAX_RUN_CHARS || hex.length % 2 !== 0) continue;
    const text = asWords(Buffer.from(hex, "hex"));
    if (text) runs.push({ via: "hex", start: m.index, end: m.index + m[0].trimEnd().length, text });
  }
  return runs;
}
