/**
 * The two built-in versions must differ measurably, or a rollout between them has nothing
 * to find: v2 is wordier and slips deprecated terms more often.
 */
import { expect, it } from "vitest";
import { SLIP_TERMS } from "./catalog";
import { completeChat } from "./complete-chat";

const PRODUCTS = [
  "trail shoes",
  "cold brew",
  "rain jacket",
  "travel mug",
  "camp stove",
  "daypack",
  "espresso beans",
];
const AUDIENCES = ["weekend hikers", "busy parents", "students", "commuters", "runners"];
const FORMATS = ["Launch email for", "Social post about", "Banner copy for", "Newsletter blurb on"];
const slip = new RegExp(`\\b(${SLIP_TERMS.join("|")})\\b`, "i");

function measure(model: string) {
  let words = 0;
  let slipped = 0;
  for (let seed = 0; seed < 200; seed++) {
    const brief = `${FORMATS[seed % 4]} the ${PRODUCTS[seed % 7]} for ${AUDIENCES[seed % 5]}`;
    const out = completeChat({
      model,
      seed,
      messages: [
        { role: "system", content: "Voice: friendly, bold" },
        { role: "user", content: brief },
      ],
    })!;
    words += out.text.split(/\s+/).length;
    if (slip.test(out.text)) slipped++;
  }
  return { meanWords: words / 200, slipRate: slipped / 200 };
}

it("v2 writes longer copy and slips banned or deprecated terms far more often than v1 (200 seeded prompts)", () => {
  const v1 = measure("brandgate-copy-1");
  const v2 = measure("brandgate-copy-2");
  expect(v2.meanWords).toBeGreaterThan(v1.meanWords * 1.4);
  expect(v1.slipRate).toBeLessThan(0.08);
  expect(v2.slipRate).toBeGreaterThan(0.2);
  expect(v2.slipRate).toBeGreaterThan(v1.slipRate * 4);
});
