import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS } from "@/lib/templates/definition";
import { renderTemplate } from "@/lib/templates/engine/render-template";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { sampleSlots } from "@/lib/templates/sample-slots";

const dir = path.resolve(import.meta.dirname, "../../templates");
const brand = { name: "Acme Outdoor", logoUrl: "https://acmeoutdoor.com/logo.png" };
const kit = { disclaimers: Object.fromEntries(CHANNELS.map((c) => [c, [`The ${c} disclaimer.`]])) };

describe("starter templates", async () => {
  const starters = await loadStarterTemplates({ dir });

  it("ship one template per channel at least", () => {
    expect(new Set(starters.map((s) => s.definition.channel))).toEqual(new Set(CHANNELS));
  });

  it.each(starters.map((s) => [s.key, s] as const))(
    "%s renders its sample slots with the locked regions",
    (_key, starter) => {
      const { definition } = starter;
      const { parts, slotErrors } = renderTemplate({
        definition,
        slots: sampleSlots(definition),
        brand,
        kit,
      });
      expect(slotErrors).toEqual([]);
      expect(Object.keys(parts).sort()).toEqual(Object.keys(definition.body).sort());
      for (const rendered of Object.values(parts))
        expect(rendered).toContain(`The ${definition.channel} disclaimer.`);
      if (parts.html) {
        expect(parts.html).toMatch(/lang="en"/);
        expect(parts.html).toContain('<img src="https://acmeoutdoor.com/logo.png" alt="Acme Outdoor"');
        for (const img of parts.html.match(/<img\b[^>]*>/g) ?? []) expect(img).toMatch(/\balt="/);
      }
    },
  );

  it("give a whole email or landing document its doctype", () => {
    for (const s of starters.filter(
      (s) => s.definition.channel === "email" || s.definition.channel === "landing",
    )) {
      const { parts } = renderTemplate({
        definition: s.definition,
        slots: sampleSlots(s.definition),
        brand,
        kit,
      });
      expect(parts.html!.startsWith("<!DOCTYPE html>\n<html")).toBe(true);
    }
  });

  it("show the brand name as text where the kit has no logo", () => {
    for (const s of starters.filter((s) => "html" in s.definition.body)) {
      const { parts } = renderTemplate({
        definition: s.definition,
        slots: sampleSlots(s.definition),
        brand: { name: "Acme & Co", logoUrl: "" },
        kit,
      });
      expect(parts.html, s.key).not.toMatch(/<img\b/);
      expect(parts.html, s.key).toMatch(/<span[^>]*>Acme &amp; Co<\/span>/);
    }
  });

  it("stop the seed with the folder's name when a starter does not compile", async () => {
    await expect(
      loadStarterTemplates({ dir: path.resolve(import.meta.dirname, "__fixtures__/broken") }),
    ).rejects.toMatchObject({
      message: 'Starter template "raw-output" does not compile',
      details: [expect.objectContaining({ path: "body.text", line: 1, column: 1 })],
    });
  });
});
