/**
 * The checks that read language (readability, inclusive language, profanity, tone): each test
 * pairs a text the check must flag with one it must pass, so a check that always passes, or
 * always flags, goes red here.
 */
import { describe, expect, it } from "vitest";
import { DEMO_KIT, brandKitSchema } from "../../kit";
import type { TextCheck } from "../types";
import { inclusiveLanguageCheck } from "./inclusive-language";
import { profanityCheck } from "./profanity";
import { readabilityCheck } from "./readability";
import { toneOfVoiceCheck } from "./tone-of-voice";

function run<P>(check: TextCheck<P>, text: string, kit = DEMO_KIT) {
  return check.run({ text, channel: "social", phase: "output" }, check.fromKit(kit, { channel: "social" }));
}

describe("readability", () => {
  it("warns on copy above the kit's grade and points at the hardest sentence", () => {
    const hard =
      "Our revolutionary multifunctional outerwear incorporates sophisticated environmental adaptability technologies. " +
      "Short line.";
    const result = run(readabilityCheck, hard);
    expect(result.verdict).toBe("warn");
    expect(result.spans[0]!.text).toMatch(/^Our revolutionary/);
  });

  it("passes plain copy", () => {
    const result = run(
      readabilityCheck,
      "Our new jacket keeps you dry. It packs small. Take it on every hike this year.",
    );
    expect(result.verdict).toBe("pass");
  });
});

describe("inclusive-language", () => {
  it("warns on exclusionary wording, with a suggestion", () => {
    const result = run(inclusiveLanguageCheck, "Every fireman on the crew trusts these boots.");
    expect(result.verdict).toBe("warn");
    expect(result.spans.map((s) => s.text)).toContain("fireman");
  });

  it("passes inclusive wording", () => {
    expect(run(inclusiveLanguageCheck, "Every firefighter on the crew trusts these boots.").verdict).toBe(
      "pass",
    );
  });
});

describe("profanity", () => {
  it("fails profane copy and marks the word", () => {
    const result = run(profanityCheck, "These boots are the shit.");
    expect(result.verdict).toBe("fail");
    expect(result.spans.map((s) => s.text)).toContain("shit");
  });

  it("passes clean copy, including words that only contain a profanity", () => {
    expect(run(profanityCheck, "A classic pass over the ridge, then a cocktail at camp.").verdict).toBe(
      "pass",
    );
  });
});

describe("tone", () => {
  it("warns on words the voice avoids, with their span", () => {
    const text = "Hurry, the sale ends soon.";
    const result = run(toneOfVoiceCheck, text);
    expect(result.verdict).toBe("warn");
    expect(result.spans.map((s) => s.text)).toContain("Hurry");
  });

  it("warns when sentences shout or run long", () => {
    expect(run(toneOfVoiceCheck, "Amazing boots! Buy now! You will love them!").verdict).toBe("warn");
    const long = `This jacket ${"and this pocket ".repeat(12)}keeps you dry.`;
    const result = run(toneOfVoiceCheck, long);
    expect(result.verdict).toBe("warn");
    expect(result.explanation).toMatch(/long sentences/);
  });

  it("follows the kit's formality", () => {
    const formal = brandKitSchema.parse({
      ...DEMO_KIT,
      voice: { ...DEMO_KIT.voice, style: { ...DEMO_KIT.voice.style, formality: "formal" } },
    });
    expect(run(toneOfVoiceCheck, "You're going to love it.", formal).verdict).toBe("warn");
    expect(run(toneOfVoiceCheck, "You're going to love it.").verdict).toBe("pass");
  });

  it("passes copy in the voice", () => {
    expect(run(toneOfVoiceCheck, "Warm socks for cold mornings. Your feet will thank you.").verdict).toBe(
      "pass",
    );
  });

  it("gives a kit saved before the tone check the default style", () => {
    const { style: _style, ...voice } = DEMO_KIT.voice;
    const old = brandKitSchema.parse({ ...DEMO_KIT, voice });
    expect(old.voice.style).toMatchObject({ formality: "neutral", avoidWords: [] });
  });
});

/**
 * Mutants that survived `npm run test:mutation` over these three checks (bench/README.md): each
 * check reads only its own kind of finding, blocks or warns as documented, says why, and the
 * readability grade is the Flesch–Kincaid one.
 */
describe("the language checks, as mutation testing found them unguarded", () => {
  it("each check reads only its own findings: profanity is not exclusionary, exclusionary is not profane", () => {
    expect(run(inclusiveLanguageCheck, "These boots are the shit.").verdict).toBe("pass");
    expect(run(profanityCheck, "Every fireman on the crew trusts these boots.").verdict).toBe("pass");
  });

  it("profanity blocks and the others only warn, in the phases they run in", () => {
    expect(profanityCheck).toMatchObject({ id: "profanity", kind: "text", blocking: true });
    expect(profanityCheck.phases).toEqual(["input", "output"]);
    expect(inclusiveLanguageCheck).toMatchObject({ id: "inclusive-language", kind: "text", blocking: false });
    expect(inclusiveLanguageCheck.phases).toEqual(["input", "output"]);
    expect(readabilityCheck).toMatchObject({ id: "readability", kind: "text", blocking: false });
    expect(readabilityCheck.phases).toEqual(["output"]);
    for (const check of [profanityCheck, inclusiveLanguageCheck, readabilityCheck]) {
      expect(check.description).toMatch(/\w{4}/);
      expect(check.fromKit(DEMO_KIT, { channel: "social" })).toBeTypeOf("object");
    }
    expect(readabilityCheck.params.safeParse({}).success).toBe(false);
  });

  it("explains each verdict, naming the word, the grade and a suggestion", () => {
    const profane = run(profanityCheck, "These boots are the shit.");
    expect(profane.checkId).toBe("profanity");
    expect(profane.explanation).toMatch(/^Profanity: .*shit/);
    expect(profane.spans[0]!.message).toBe("Profane.");
    expect(run(profanityCheck, "Clean copy.").explanation).toMatch(/No profanity/);
    const exclusionary = run(inclusiveLanguageCheck, "Every fireman on the crew trusts these boots.");
    expect(exclusionary.explanation).toMatch(/inclusive wording for .*fireman/);
    expect(exclusionary.spans[0]!.message).toMatch(/^Consider ".+"/);
    expect(run(inclusiveLanguageCheck, "Every firefighter trusts these boots.").explanation).toMatch(
      /No exclusionary/,
    );
  });

  it("grades by Flesch–Kincaid and marks exactly the hardest sentence", () => {
    // 12 words, 1 sentence, 24 syllables: 0.39 × 12 + 11.8 × 2 − 15.59 = 12.69.
    const text =
      "  Our revolutionary multifunctional outerwear incorporates sophisticated environmental adaptability technologies.  Short line.";
    const result = run(readabilityCheck, text);
    expect(result.verdict).toBe("warn");
    expect(result.explanation).toMatch(/^Reads at grade \d+(\.\d)?; the target is 8 or below\. Use shorter/);
    const span = result.spans[0]!;
    expect(span.text).toBe(
      "Our revolutionary multifunctional outerwear incorporates sophisticated environmental adaptability technologies.",
    );
    expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(span.message).toMatch(/^This sentence reads at grade \d+\.\d\.$/);
    expect(result.spans).toHaveLength(1);
    const plain = run(
      readabilityCheck,
      "Our new jacket keeps you dry. It packs small. Take it on every hike.",
    );
    expect(plain.explanation).toMatch(/^Reads at grade .*; the target is 8 or below\.$/);
    expect(run(readabilityCheck, "Too short.").explanation).toMatch(/Too short to grade/);
  });
});
