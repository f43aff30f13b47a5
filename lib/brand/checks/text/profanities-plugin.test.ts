import { cuss } from "cuss";
import pluralize from "pluralize";
import retextEnglish from "retext-english";
import original from "retext-profanities";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import indexed from "./profanities-plugin";

const messagesOf = (plugin: typeof original | typeof indexed, text: string) => {
  const processor = unified().use(retextEnglish).use(plugin).freeze();
  const file = new VFile(text);
  processor.runSync(processor.parse(file), file);
  return file.messages.map((m) => ({
    reason: m.reason,
    place: m.place,
    ruleId: m.ruleId,
    source: m.source,
    actual: m.actual,
    expected: m.expected,
    severity: (m as { profanitySeverity?: unknown }).profanitySeverity,
  }));
};

// Every word retext-profanities knows, singular and plural, in running text; and the forms
// nlcst-search treats specially: case, apostrophes, dashes, quoted (literal) words, phrases.
const words = Object.keys(cuss).flatMap((w) => [w, pluralize.plural(w)]);
const texts: string[] = [];
for (let i = 0; i < words.length; i += 40) {
  texts.push(
    words
      .slice(i, i + 40)
      .map((w, j) =>
        j % 3 === 0 ? `${w[0]!.toUpperCase()}${w.slice(1)} came up again.` : `They said ${w} twice.`,
      )
      .join(" "),
  );
}
texts.push(
  "What the hell, hell's bells and HELL.",
  "The word “hell” is quoted here, and so is 'whore'.",
  "He blew a blow job line; a ball-sack and a ball sack; bad-ass and bad ass.",
  "Our new rain jacket keeps weekend hikers dry on every trail.",
  "",
);

describe("the indexed profanities plugin", () => {
  it("finds what retext-profanities finds, message for message", () => {
    let found = 0;
    for (const text of texts) {
      const expected = messagesOf(original, text);
      expect(messagesOf(indexed, text), text).toEqual(expected);
      found += expected.length;
    }
    // The corpus does exercise it: most words are reported.
    expect(found).toBeGreaterThan(words.length / 2);
  });
});
