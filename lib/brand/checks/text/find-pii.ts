/**
 * Personal data in text: email addresses, phone numbers, payment card numbers (Luhn) and
 * IBANs (ISO 13616 mod-97). Checksums keep order numbers and prices from being reported.
 * Every pattern has bounded repetition with mandatory separators between groups, so no
 * pattern backtracks more than a constant amount per position.
 */
import { findEmails } from "./find-addresses";

export type PiiKind = "email" | "phone" | "card" | "iban";

export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
  value: string;
}

const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?!\d)/g;
const IBAN =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?)(?![A-Za-z0-9])/g;
// A number starts at a "+" country code (even right after another number: two numbers
// written back to back are two numbers, so redacting one cannot reveal the other), or at a
// digit or "(" that no word character precedes.
const PHONE =
  /(?:(?<!\+)\+\d{1,3}[ .-]?|(?<![\w+]))(?:\(\d{1,4}\)[ .-]?)?\d{1,8}(?:[ .-]\d{1,8}){0,5}(?!\w)/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Identifiers, not personal data: their digit groups read as phone numbers 7% of the time. */
const UUID = /(?<![0-9A-Za-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9A-Za-z])/gi;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function ibanValid(iban: string): boolean {
  const compact = iban.replace(/ /g, "");
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}

/** Heuristics that separate phone numbers from sizes, dates, prices and ranges. */
function looksLikePhone(raw: string): boolean {
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15 || ISO_DATE.test(raw)) return false;
  if (raw.startsWith("+")) return digits.length >= 8;
  const groups = raw.split(/[ .\-()]+/).filter((g) => g !== "");
  if (groups.length < 2 || groups[groups.length - 1]!.length < 3) return false;
  if (raw.includes("(")) return true;
  // Space-only groups ("2019 2020 2021") are too often lists of numbers.
  if (!/[.-]/.test(raw)) return digits.length >= 9 && groups[0]!.startsWith("0");
  return true;
}

export function findPii(text: string): PiiFinding[] {
  const found: PiiFinding[] = [];
  const taken = new Uint8Array(text.length);
  const add = (kind: PiiKind, start: number, value: string) => {
    const end = start + value.length;
    for (let k = start; k < end; k++) if (taken[k]) return;
    taken.fill(1, start, end);
    found.push({ kind, start, end, value });
  };
  for (const m of text.matchAll(UUID)) taken.fill(1, m.index, m.index + m[0].length);
  for (const m of findEmails(text)) {
    // "https://brand.com@evil.com" is a link with user info, the link check's business.
    if (text.slice(Math.max(0, m.index - 3), m.index) !== "://") add("email", m.index, m[0]);
  }
  for (const m of text.matchAll(IBAN)) if (ibanValid(m[0])) add("iban", m.index, m[0]);
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, "");
    if (luhnValid(digits) && /[1-9]/.test(digits)) add("card", m.index, m[0]);
  }
  for (const m of text.matchAll(PHONE)) if (looksLikePhone(m[0])) add("phone", m.index, m[0]);
  return found.sort((a, b) => a.start - b.start);
}
