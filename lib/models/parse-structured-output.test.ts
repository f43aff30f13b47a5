import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseStructuredOutput } from "./parse-structured-output";

const slots = z.object({ headline: z.string(), body: z.string() });
const slotValues = fc.record({ headline: fc.string(), body: fc.string() });
/** Prose a model might wrap around its JSON: anything without braces. */
const prose = fc.string().filter((s) => !/[{}]/.test(s));

describe("parseStructuredOutput", () => {
  it("finds the slots in plain JSON, fenced JSON and JSON wrapped in prose", () => {
    fc.assert(
      fc.property(slotValues, prose, prose, fc.boolean(), (value, before, after, fenced) => {
        const json = JSON.stringify(value, null, fenced ? 2 : undefined);
        const text = fenced ? `${before}\n\`\`\`json\n${json}\n\`\`\`\n${after}` : `${before}${json}${after}`;
        expect(parseStructuredOutput(text, slots)).toEqual({ ok: true, value });
      }),
    );
  });

  it("is not fooled by braces and quotes inside string values", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const value = { headline: `{${a}"}`, body: `}${b}\\{` };
        expect(parseStructuredOutput(`Sure! ${JSON.stringify(value)}`, slots)).toEqual({ ok: true, value });
      }),
    );
  });

  it("skips objects that do not match and takes the first one that does", () => {
    const text = 'Schema: {"type":"object"} Answer: {"headline":"H","body":"B"} {"headline":"X","body":"Y"}';
    expect(parseStructuredOutput(text, slots)).toEqual({ ok: true, value: { headline: "H", body: "B" } });
  });

  it("never throws, and says why when there is nothing to use", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseStructuredOutput(text, slots);
        if (!result.ok) expect(result.issue.length).toBeGreaterThan(0);
      }),
    );
    expect(parseStructuredOutput("no json here", slots)).toEqual({
      ok: false,
      issue: "The answer contains no JSON object",
    });
    expect(parseStructuredOutput('{"headline": 3}', slots)).toMatchObject({ ok: false, issue: /headline/ });
    expect(parseStructuredOutput('{"headline": "unclosed', slots)).toMatchObject({ ok: false });
  });
});
