import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { renderTemplate } from "@/lib/templates/engine/render-template";

const brand = { name: "Acme", logoUrl: "https://acme.test/logo.png" };
const kit = { disclaimers: { email: ["Unsubscribe anytime."], display: ["Terms apply."] } };

const slots = [
  { name: "headline", type: "text", maxLength: 20 },
  { name: "ctaUrl", type: "url", maxLength: 200 },
  { name: "points", type: "list", maxItems: 2, maxLength: 10, required: false },
] as const;

const email = {
  channel: "email",
  name: "Email",
  slots,
  body: {
    html: `<h1>{{headline}}</h1><a href="{{ctaUrl}}">Go</a>{{#each points}}<li>{{this}}</li>{{/each}}
<img src="{{brand.logoUrl}}" alt="{{brand.name}}">{{#each kit.disclaimers}}<p class="legal">{{this}}</p>{{/each}}`,
    text: '{{headline}} {{ctaUrl}} {{join points ", "}}\n{{#each kit.disclaimers}}{{this}}{{/each}}',
  },
};

const valid = { headline: "Hello", ctaUrl: "https://acme.test/go" };

describe("renderTemplate", () => {
  it("renders every part of the template", () => {
    const { parts, slotErrors } = renderTemplate({
      definition: email,
      slots: { ...valid, points: ["a", "b"] },
      brand,
      kit,
    });
    expect(slotErrors).toEqual([]);
    expect(parts.html).toContain('<a href="https://acme.test/go">Go</a><li>a</li><li>b</li>');
    expect(parts.text).toBe("Hello https://acme.test/go a, b\nUnsubscribe anytime.");
  });

  it.each([
    [{ ...valid, headline: "x".repeat(21) }, "headline is 21 characters long; the most is 20"],
    [{ ctaUrl: valid.ctaUrl }, "headline is required"],
    [{ ...valid, headline: "   " }, "headline is required"],
    [{ ...valid, headline: 42 }, "headline must be text"],
    [{ ...valid, ctaUrl: "javascript:alert(1)" }, "ctaUrl must be an http(s) URL, e.g. https://example.com/"],
    [{ ...valid, points: "a, b" }, "points must be a list of text"],
    [{ ...valid, points: ["a", "b", "c"] }, "points has 3 items; the most is 2"],
    [{ ...valid, points: ["ok", "much too long"] }, "points item 2 is 13 characters long; the most is 10"],
  ])("validates slots before rendering anything: %j", (input, message) => {
    const { parts, slotErrors } = renderTemplate({ definition: email, slots: input, brand, kit });
    expect(parts).toEqual({});
    expect(slotErrors).toContainEqual({ slot: expect.any(String), message });
  });

  it("counts length in characters a reader sees, not UTF-16 units", () => {
    const { slotErrors } = renderTemplate({
      definition: email,
      slots: { ...valid, headline: "🌲".repeat(20) },
      brand,
      kit,
    });
    expect(slotErrors).toEqual([]);
  });

  it("takes locked regions from the brand and kit: slot values named kit or brand change nothing", () => {
    const hostile = JSON.parse(
      `{"headline":"Hi","ctaUrl":"https://acme.test/","kit":{"disclaimers":{"email":["NO DISCLAIMER"]}},
        "brand":{"name":"Evil","logoUrl":"https://evil.test/x.png"},"__proto__":{"polluted":true}}`,
    ) as unknown;
    const { parts } = renderTemplate({ definition: email, slots: hostile, brand, kit });
    expect(parts.html).toContain('<p class="legal">Unsubscribe anytime.</p>');
    expect(parts.html).toContain('<img src="https://acme.test/logo.png" alt="Acme" />');
    expect(parts.html).not.toMatch(/NO DISCLAIMER|Evil|evil\.test/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("shows only the disclaimers for the template's channel", () => {
    const { parts } = renderTemplate({
      definition: email,
      slots: valid,
      brand,
      kit: { disclaimers: { display: ["Terms apply."] } },
    });
    expect(parts.html).not.toContain("Terms apply.");
    expect(parts.html).not.toContain('class="legal"');
  });

  it("escapes model output in HTML and leaves it as written in text parts", () => {
    const { parts } = renderTemplate({
      definition: email,
      slots: { ...valid, headline: "Tom & <Jerry>" },
      brand,
      kit,
    });
    expect(parts.html).toContain("<h1>Tom &amp; &lt;Jerry&gt;</h1>");
    expect(parts.text).toContain("Tom & <Jerry> https://acme.test/go");
  });

  it("drops a brand logo URL with a script scheme", () => {
    const { parts } = renderTemplate({
      definition: email,
      slots: valid,
      brand: { ...brand, logoUrl: "javascript:alert(1)" },
      kit,
    });
    expect(parts.html).toContain('<img alt="Acme" />');
  });

  it("refuses to render for another channel or from a template that does not compile", () => {
    const call = (over: object) => () =>
      renderTemplate({ definition: email, slots: valid, brand, kit, ...over });
    expect(call({ channel: "push" })).toThrow(expect.objectContaining({ code: "bad_request" }) as AppError);
    expect(call({ definition: { ...email, body: { ...email.body, html: "{{{headline}}}" } } })).toThrow(
      expect.objectContaining({ code: "unprocessable" }) as AppError,
    );
  });
});
