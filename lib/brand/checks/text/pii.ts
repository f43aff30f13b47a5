import { z } from "zod";
import { listOf, passed, spanOf } from "../result";
import type { TextCheck } from "../types";
import { type PiiFinding, type PiiKind, findPii } from "./find-pii";

const ID = "pii";
const params = z.object({ publicContacts: z.array(z.string()) });

const LABEL: Record<PiiKind, string> = {
  email: "email address",
  phone: "phone number",
  card: "payment card number",
  iban: "IBAN",
};

/**
 * Redacting one finding can expose a neighbour that its letters or digits hid: in
 * "4111 1111 1111 1111DE89 3704…" the IBAN starts after a digit, so it is not one until the
 * card number before it becomes "[payment card number removed]". Each round scans again with
 * the redacted spans masked as their replacements bound them ("[", blanks, "]": the same
 * length, so positions hold), until nothing new is found; the fix is then complete in one pass.
 */
function findRedactable(text: string, redact: (f: PiiFinding) => boolean): PiiFinding[] {
  const found: PiiFinding[] = [];
  let scanned = text;
  for (let round = 0; round < 8; round++) {
    const fresh = findPii(scanned).filter(redact);
    if (fresh.length === 0) break;
    found.push(...fresh);
    for (const f of fresh) {
      scanned = `${scanned.slice(0, f.start)}[${" ".repeat(f.end - f.start - 2)}]${scanned.slice(f.end)}`;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const digitsOf = (s: string) => s.replace(/\D/g, "");

/** Personal data must not go into a model nor out to an audience; the fix redacts it. */
export const piiCheck: TextCheck<z.infer<typeof params>> = {
  id: ID,
  kind: "text",
  description: "Content contains no personal data (emails, phone numbers, card numbers, IBANs).",
  weight: 30,
  blocking: true,
  phases: ["input", "output"],
  params,
  fromKit: (kit) => ({ publicContacts: kit.publicContacts }),
  run({ text }, { publicContacts }) {
    const publicEmails = new Set(publicContacts.map((c) => c.toLowerCase()));
    const publicPhones = publicContacts.map(digitsOf).filter((d) => d.length >= 7);
    // The brand's own published contacts are not personal data. National and international
    // forms of one number share their trailing digits.
    const isPublic = (kind: PiiKind, value: string) =>
      kind === "email"
        ? publicEmails.has(value.toLowerCase())
        : kind === "phone" &&
          publicPhones.some((p) => {
            const d = digitsOf(value);
            return d.length >= 7 && (p.endsWith(d) || d.endsWith(p));
          });
    const found = findRedactable(text, (f) => !isPublic(f.kind, f.value));
    if (found.length === 0) return passed(ID, "No personal data found.");
    return {
      checkId: ID,
      verdict: "fail",
      explanation: `Contains personal data: ${listOf(found.map((f) => LABEL[f.kind]))}.`,
      spans: found.map((f) => spanOf(text, f.start, f.end, `Looks like a ${LABEL[f.kind]}.`)),
      fix: {
        description: "Redact personal data",
        replacements: found.map((f) => ({
          start: f.start,
          end: f.end,
          replacement: `[${LABEL[f.kind]} removed]`,
        })),
      },
    };
  },
};
