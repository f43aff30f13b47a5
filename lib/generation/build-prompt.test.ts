import { describe, expect, it } from "vitest";
import { DEMO_KIT } from "@/lib/brand/kit";
import { completeChat } from "@/lib/models/builtin/complete-chat";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import { loadStarterTemplates } from "@/lib/templates/load-starter-templates";
import { buildPrompt, slotsSchema } from "./build-prompt";
import { z } from "zod";

describe("buildPrompt", () => {
  it("tells the model the kit's rules and slots, and the built-in model keeps links on allowed domains", async () => {
    const email = (await loadStarterTemplates()).find((t) => t.definition.channel === "email")!.definition;
    const messages = buildPrompt({
      brandName: "Acme Outdoor",
      kit: DEMO_KIT,
      definition: email,
      brief: { summary: "Autumn trail shoes", slots: {} },
      audience: null,
    });
    const system = messages[0]!.content;
    expect(system).toContain('"affordable" (never "cheap")');
    expect(system).toContain("TrailCo");
    expect(system).toContain("acmeoutdoor.com");
    const schema = z.toJSONSchema(slotsSchema(email)) as Record<string, unknown>;
    const answer = completeChat({
      model: "brandgate-copy-1",
      messages,
      seed: 7,
      response_format: { type: "json_schema", json_schema: { name: "slots", schema } },
    } as never)!;
    const slots = JSON.parse(answer.text) as { ctaUrl: string };
    expect(new URL(slots.ctaUrl).hostname).toBe("acmeoutdoor.com");
    const links = runTextChecks({
      text: slots.ctaUrl,
      kit: DEMO_KIT,
      channel: "email",
      phase: "output",
    }).results.find((r) => r.checkId === "link-domains");
    expect(links?.verdict).toBe("pass");
  });

  it("feeds the previous round's violations back, one per line, and nothing when there are none", async () => {
    const social = (await loadStarterTemplates()).find((t) => t.definition.channel === "social")!.definition;
    const base = {
      brandName: "Acme Outdoor",
      kit: DEMO_KIT,
      definition: social,
      brief: { summary: "Boots", slots: {} },
    };
    const text = (violations?: string[]) =>
      buildPrompt({ ...base, audience: null, violations })
        .map((m) => m.content)
        .join("\n");
    const violations = ['Mentions competitor "TrailCo"', "post is longer than 280 characters"];
    const prompt = text(violations);
    expect(prompt).toContain("Your previous answer broke these rules");
    for (const v of violations) expect(prompt).toContain(`- ${v}`);
    expect(text([])).not.toContain("Your previous answer broke these rules");
    expect(text(undefined)).not.toContain("Your previous answer broke these rules");
  });
});
