import { readBrief, type BriefFacts } from "./read-brief";

/** What the built-in model takes from a chat: the brief, the brand voice, approved examples, wanted fields. */
export interface Prompt {
  /** The last user message, whole (it seeds the random choices). */
  brief: string;
  /** The brief's facts: product, offer, audience, call to action. */
  facts: BriefFacts;
  /** The person's own words: the "Brief:" lines of a generation prompt, or the whole chat message. */
  briefText: string;
  /** Topic words from the brief, most telling first. */
  topic: string[];
  audience: string | null;
  voice: string[];
  examples: string[];
  /** Slot names asked for in JSON mode (from the schema or the instruction); null for plain text. */
  fields: string[] | null;
  /** Domains the system message says links may point to ("Links may point to: a.com, b.com"). */
  linkDomains: string[];
}

export interface PromptMessage {
  role: string;
  content: string;
}

const STOPWORDS = new Set(
  "a an and are as at be but by for from has have in into is it its of on or our that the their this to was we were will with you your write create draft make copy about some new short long please need want should launch email post tweet banner campaign newsletter social landing page announcement ad ads promote announce introduce introducing".split(
    " ",
  ),
);

function contentWords(text: string): string[] {
  const seen = new Set<string>();
  const words = text.toLowerCase().match(/[a-z][a-z'-]{2,}/g) ?? [];
  return words.filter((w) => !STOPWORDS.has(w) && !seen.has(w) && seen.add(w));
}

/**
 * The product: in "X for the new Y for Z", the richest segment before the audience (Z).
 * Keep its last two words, modifier + head noun ("hiking boots").
 */
function topicWords(brief: string): string[] {
  const segments = brief.split(/\bfor\b/i);
  const candidates = segments.length > 1 ? segments.slice(0, -1) : segments;
  const best = candidates.map(contentWords).reduce((a, b) => (b.length > a.length ? b : a), []);
  return best.slice(-2);
}

function listAfter(text: string, label: RegExp): string[] {
  const line = text.split("\n").find((l) => label.test(l));
  if (!line) return [];
  return line
    .replace(label, "")
    .split(/[,;/]| and /)
    .map((s) => s.trim().toLowerCase().replace(/[.]$/, ""))
    .filter((s) => /^[a-z][a-z -]{1,30}$/.test(s));
}

function exampleLines(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^\s*(approved )?(copy )?examples?\s*:/i.test(l));
  if (start < 0) return [];
  return lines
    .slice(start + 1)
    .map((l) => l.replace(/^\s*[-*•\d.]+\s*/, "").trim())
    .filter((l) => l.length > 10);
}

/**
 * A generation prompt (lib/generation/build-prompt) wraps the person's words in instructions:
 * "Brief: …" holds the summary and a slot line may end with "Brief: …" for that slot. A chat
 * message is the person's words already.
 */
function personsWords(message: string): string {
  const briefs = [...message.matchAll(/(?:^|\s)Brief:\s*([^\n]+)/g)].map((m) => m[1]!.trim());
  return briefs.length > 0 ? briefs.join("\n") : message;
}

export function readPrompt(messages: PromptMessage[], schemaFields: string[] | null): Prompt {
  const system = messages.filter((m) => m.role === "system" || m.role === "developer").map((m) => m.content);
  const brief = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
  const systemText = system.join("\n");
  const instructed = systemText.match(/fields:\s*([\w, -]+)/i)?.[1];
  const domains =
    systemText.match(/links? (?:may|must) (?:only )?point to(?: one of)?:\s*([^\n]+)/i)?.[1] ?? "";
  // In a chat the facts may be spread over turns ("30% off the parka" … "what's the deal?"):
  // read them from every user turn, the latest first so its product wins.
  const userTurns = messages.filter((m) => m.role === "user").map((m) => m.content);
  const briefText = personsWords(brief);
  const allWords = [briefText, ...userTurns.slice(0, -1).reverse().map(personsWords)].join("\n");
  const topic = topicWords(briefText);
  return {
    brief,
    briefText,
    facts: readBrief(allWords, topic),
    linkDomains: domains
      .split(/[,\s]+/)
      .map((d) => d.replace(/\.$/, "").toLowerCase())
      .filter((d) => /^[a-z0-9.-]+\.[a-z]{2,}$/.test(d)),
    topic,
    audience: briefText.match(/\bfor ((?:[a-z]+ ){0,2}[a-z]+s)\b/i)?.[1]?.toLowerCase() ?? null,
    voice: listAfter(systemText, /^.*\b(voice|tone)\b[^:]*:\s*/i),
    examples: [
      ...exampleLines(systemText),
      ...messages.filter((m) => m.role === "assistant").map((m) => m.content),
    ],
    fields:
      schemaFields ??
      (instructed
        ? instructed
            .split(",")
            .map((f) => f.trim())
            .filter(Boolean)
        : null),
  };
}
