import { describe, expect, it } from "vitest";
import { templateDefinitionSchema } from "@/lib/templates/definition";
import { diffTemplateVersions } from "@/lib/templates/diff-template-versions";

const v1 = templateDefinitionSchema.parse({
  channel: "push",
  name: "Push",
  slots: [{ name: "message", type: "text", maxLength: 100 }],
  body: { text: "{{message}}\n{{#each kit.disclaimers}}{{this}}{{/each}}" },
});

describe("diffTemplateVersions", () => {
  it("shows changed lines of the body and the slot schema, and marks unchanged sections", () => {
    const v2 = templateDefinitionSchema.parse({
      ...v1,
      slots: [{ ...v1.slots[0], maxLength: 80 }],
      body: { text: "{{upper message}}\n{{#each kit.disclaimers}}{{this}}{{/each}}" },
    });
    const diff = diffTemplateVersions(v1, v2);
    expect(diff.map((s) => [s.section, s.changed])).toEqual([
      ["details", false],
      ["slots", true],
      ["body.text", true],
    ]);
    expect(diff[2]!.lines).toEqual([
      { kind: "removed", text: "{{message}}" },
      { kind: "added", text: "{{upper message}}" },
      { kind: "same", text: "{{#each kit.disclaimers}}{{this}}{{/each}}" },
    ]);
    expect(diff[1]!.lines.find((l) => l.kind === "added")?.text).toContain('"maxLength":80');
  });
});
