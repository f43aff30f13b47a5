/**
 * One retext pass (English parser + equality + profanities) shared by the inclusive-language
 * and profanity checks; a content run analyses its text once.
 */
import retextEnglish from "retext-english";
import retextEquality from "retext-equality";
import { unified } from "unified";
import { VFile } from "vfile";
import retextProfanities from "./profanities-plugin";

/**
 * retext costs about 13 ms per kilobyte; copy longer than this is analysed in its first part
 * only, so a huge input cannot tie up a worker. Checks say so in their explanation.
 */
export const MAX_ANALYSED_CHARS = 20_000;

export interface LanguageFinding {
  source: "equality" | "profanity";
  start: number;
  end: number;
  actual: string;
  suggestions: string[];
  /** retext-profanities' sureness: 0 sometimes profane, 1 maybe, 2 profane. */
  severity?: number;
}

const processor = unified()
  .use(retextEnglish)
  // "binary" accepts "he or she"; a lone gendered pronoun is still reported.
  .use(retextEquality, { binary: true })
  .use(retextProfanities)
  .freeze();

let lastText: string | undefined;
let lastFindings: LanguageFinding[] = [];

export function analyseLanguage(text: string): LanguageFinding[] {
  if (text === lastText) return lastFindings;
  const analysed = text.slice(0, MAX_ANALYSED_CHARS);
  const file = new VFile(analysed);
  processor.runSync(processor.parse(file), file);
  const findings: LanguageFinding[] = [];
  for (const message of file.messages) {
    const start = message.place && "start" in message.place ? message.place.start.offset : undefined;
    const end = message.place && "end" in message.place ? message.place.end.offset : undefined;
    if (start === undefined || end === undefined) continue;
    const source = message.source === "retext-equality" ? "equality" : "profanity";
    const severity = (message as { profanitySeverity?: unknown }).profanitySeverity;
    findings.push({
      source,
      start,
      end,
      actual: analysed.slice(start, end),
      suggestions: (message.expected ?? []).filter((e): e is string => typeof e === "string"),
      severity: typeof severity === "number" ? severity : undefined,
    });
  }
  findings.sort((a, b) => a.start - b.start);
  lastText = text;
  lastFindings = findings;
  return findings;
}
