import { describe, expect, it } from "vitest";
import { DEMO_KIT } from "../../kit";
import { applyFixes } from "../apply-fixes";
import { TEXT_CHECKS } from "../registry";

const pii = TEXT_CHECKS.find((c) => c.id === "pii")!;
const run = (text: string) => pii.evaluate({ text, channel: "email", phase: "output" }, DEMO_KIT);

describe("pii check", () => {
  it("redacts in one pass a neighbour that only becomes a finding once the one before it is redacted", () => {
    // fast-check found this one: the IBAN follows a digit, so it starts no word until the card
    // number before it is replaced.
    const text = "4111 1111 1111 1111DE89 3704 0044 0532 0130 00";
    const result = run(text);
    expect(result.spans.map((s) => s.text)).toEqual(["4111 1111 1111 1111", "DE89 3704 0044 0532 0130 00"]);
    const fixed = applyFixes(text, result.fix!.replacements);
    expect(fixed).toBe("[payment card number removed][IBAN removed]");
    expect(run(fixed).verdict).toBe("pass");
  });

  it("leaves the brand's published contacts in place", () => {
    const [publicEmail] = DEMO_KIT.publicContacts.filter((c) => c.includes("@"));
    expect(run(`Write to ${publicEmail}.`).verdict).toBe("pass");
    expect(run("Write to jane@gmail.com.").spans.map((s) => s.text)).toEqual(["jane@gmail.com"]);
  });
});
