import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/templates/engine/render-template";
import { parseTemplateDefinition } from "@/lib/templates/parse-template-definition";

const brand = { name: "Acme & Co", logoUrl: "https://acme.test/logo.png" };
const kit = { disclaimers: { push: ["T&Cs apply."] } };

function push(text: string) {
  return {
    channel: "push",
    name: "Push",
    slots: [
      { name: "message", type: "text", maxLength: 100 },
      { name: "tags", type: "list", maxItems: 3, maxLength: 20 },
      { name: "tone", type: "text", maxLength: 10 },
    ],
    body: { text: `${text}{{#each kit.disclaimers}} {{this}}{{/each}}` },
  };
}

const slots = { message: "Tents 20% off 🏕️ this week", tags: ["camp", "sale"], tone: "loud" };

describe("the vetted helpers", () => {
  it("upper, lower, truncate, join and ifEquals", () => {
    const definition = push(
      '{{upper message}}|{{lower message}}|{{truncate message 12}}|{{truncate message 16}}|{{join tags ", "}}|' +
        '{{#ifEquals tone "loud"}}!{{else}}.{{/ifEquals}}',
    );
    const { parts } = renderTemplate({ definition, slots, brand, kit });
    expect(parts.text).toBe(
      "TENTS 20% OFF 🏕️ THIS WEEK|tents 20% off 🏕️ this week|Tents 20% o…|Tents 20% off 🏕️…|camp, sale|! T&Cs apply.",
    );
  });

  it("reads locked fields through #with, and counts them as shown", () => {
    const definition = push(
      "{{#with brand}}{{name}}{{/with}}: {{message}} {{#each tags}}#{{this}}{{/each}} {{tone}}",
    );
    const { parts } = renderTemplate({ definition, slots, brand, kit });
    expect(parts.text).toBe("Acme & Co: Tents 20% off 🏕️ this week #camp#sale loud T&Cs apply.");
  });
});

describe("parseTemplateDefinition", () => {
  it("answers validation_failed with each field and position", () => {
    expect(() => parseTemplateDefinition(push("{{message}} {{join tags}} {{tone}}"))).toThrow(
      expect.objectContaining({
        code: "validation_failed",
        details: [{ path: "body.text", message: "join takes 2 values", line: 1, column: 13 }],
      }),
    );
  });
});
