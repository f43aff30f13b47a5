import { pick, type Random } from "./random";

/**
 * A word-bigram chain over approved copy examples, so generated sentences borrow the
 * brand's own phrasing. Small on purpose: examples are a handful of lines.
 */
export function markovSentence(examples: string[], random: Random, maxWords = 18): string | null {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (const line of examples) {
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length < 4) continue;
      starts.push(words[0]!);
      for (let i = 0; i < words.length - 1; i++) {
        const list = next.get(words[i]!) ?? [];
        list.push(words[i + 1]!);
        next.set(words[i]!, list);
      }
    }
  }
  if (starts.length === 0) return null;
  const out = [pick(random, starts)];
  while (out.length < maxWords) {
    const choices = next.get(out[out.length - 1]!);
    if (!choices) break;
    out.push(pick(random, choices));
    if (/[.!?]$/.test(out[out.length - 1]!) && out.length >= 5) break;
  }
  const text = out.join(" ");
  return /[.!?]$/.test(text) ? text : `${text.replace(/[,;:]$/, "")}.`;
}
