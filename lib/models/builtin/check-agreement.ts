import nlp from "compromise";

/**
 * Test-only (compromise is a devDependency): subject–verb agreement errors in English text,
 * found with compromise's part-of-speech tagger. For each finite verb with a subject it
 * compares the subject's number with the verb's form: "is/was/has/does" and third-person "-s"
 * forms want a singular subject, "are/were/have/do" and base forms a plural one (or I/you/we/they).
 * It knows nothing of the built-in model's templates, so it judges the copy as a reader would.
 */
const SINGULAR_FORMS = new Set(["is", "was", "has", "does", "isn't", "wasn't", "hasn't", "doesn't"]);
const PLURAL_FORMS = new Set(["are", "were", "have", "do", "aren't", "weren't", "haven't", "don't"]);
const PLURAL_PRONOUNS = new Set(["i", "you", "we", "they"]);
const SINGULAR_PRONOUNS = new Set(["he", "she", "it", "this", "that", "everyone", "everything", "nobody"]);

interface VerbJson {
  text: string;
  terms: { text: string; tags: string[] }[];
}

/** The head noun's number as compromise reads it in a noun phrase; null for "news", "series". */
const heads = new Map<string, boolean | null>();

function headIsPlural(head: string): boolean | null {
  if (!heads.has(head)) heads.set(head, readHead(head));
  return heads.get(head)!;
}

function readHead(head: string): boolean | null {
  if (PLURAL_PRONOUNS.has(head)) return true;
  if (SINGULAR_PRONOUNS.has(head)) return false;
  // Names ending in -ics ("Pulse Analytics") take either number in good English.
  if (/ics$/.test(head)) return null;
  const phrase = nlp(`the ${head}`);
  if (phrase.has("#Uncountable")) return null;
  return phrase.has("#Plural");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function agreementErrors(text: string): string[] {
  const errors: string[] = [];
  nlp(text)
    .sentences()
    .forEach((s) => {
      const sentence = s.text();
      const verbs = nlp(sentence).verbs();
      // forEach hands out plain Views; eq() keeps the Verbs methods (subjects, isPlural).
      Array.from({ length: verbs.length }, (_, i) => verbs.eq(i) as typeof verbs).forEach((v) => {
        const subject = (v.subjects().out("text") as string).trim().replace(/[,:;]$/, "");
        if (!subject) return; // an imperative ("Take 30% off …") has no subject to agree with
        const json = (v.json() as VerbJson[])[0];
        const first = json?.terms.find((t) => !t.tags.includes("Adverb") && !t.tags.includes("Negative"));
        if (
          !first ||
          first.tags.includes("Modal") ||
          first.tags.includes("Gerund") ||
          /ing$/i.test(first.text)
        )
          return;
        // Only a verb right after its subject: the tagger's guesses at distant subjects are noise.
        if (!new RegExp(`${escape(subject)}\\s+(?:\\w+ly\\s+)?${escape(first.text)}\\b`).test(sentence))
          return;
        const word = first.text.toLowerCase();
        let wantsPlural: boolean | null = null;
        if (SINGULAR_FORMS.has(word)) wantsPlural = false;
        else if (PLURAL_FORMS.has(word)) wantsPlural = true;
        else if (first.tags.includes("PresentTense")) wantsPlural = !/[^s]s$/.test(word);
        if (wantsPlural === null) return;
        const head = subject.toLowerCase().split(/\s+/).pop()!;
        if (head === "i" && (word === "was" || word === "am")) return;
        const subjectPlural = headIsPlural(head);
        if (subjectPlural !== null && wantsPlural !== subjectPlural) {
          errors.push(`"${subject} ${json!.text}" in: ${sentence}`);
        }
      });
    });
  return errors;
}
