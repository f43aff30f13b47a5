/**
 * Model output is adversarial input. Whatever a slot value contains — markup, Handlebars
 * syntax, prototype keys, any Unicode — rendering must insert it as escaped data: the
 * document's structure stays the template's, and nothing global changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/templates/engine/render-template";

const MAX = 300;
const brand = { name: "Acme", logoUrl: "https://acme.test/logo.png" };
const kit = { disclaimers: { email: ["Legal text."] } };

const definition = {
  channel: "email",
  name: "Property",
  slots: [
    { name: "title", type: "text", maxLength: MAX },
    { name: "body", type: "text", maxLength: MAX },
    { name: "items", type: "list", maxItems: 3, maxLength: MAX },
  ],
  body: {
    html: `<img src="{{brand.logoUrl}}" alt="{{brand.name}}"><h1 title="{{title}}">{{upper title}}</h1>
<p id="body">{{body}}</p><ul>{{#each items}}<li>{{this}}</li>{{/each}}</ul>{{#each kit.disclaimers}}<small>{{this}}</small>{{/each}}`,
    text: "[{{body}}]\n{{#each kit.disclaimers}}{{this}}{{/each}}",
  },
};

const HOSTILE = [
  "<script>alert(1)</script>",
  "<ScRiPt src=//evil.test>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "{{",
  "}}",
  "{{{body}}}",
  "{{constructor.constructor}}",
  '{{constructor.constructor "return process"}}',
  "{{#each this}}{{/each}}",
  "__proto__",
  "constructor",
  "prototype",
  "&lt;b&gt;",
  "&amp;",
  "javascript:alert(1)",
  "]]>",
  "<!--",
  "\u0000",
  "\u2028",
];

/** Code points, so the value respects the slot's limit the way validation counts it. */
const fitted = (s: string) => Array.from(s).slice(0, MAX).join("");

const modelOutput = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: "binary", maxLength: 40 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((pieces) => fitted(pieces.join("")));

/** Over-long strings right up to the limit exercise the same path at full size. */
const longOutput = fc
  .constantFrom(...HOSTILE)
  .map((piece) => fitted(piece.repeat(Math.ceil(MAX / piece.length))));

/** Blank values are a required-slot error, tested elsewhere; here every value must render. */
const value = fc
  .oneof({ weight: 4, arbitrary: modelOutput }, { weight: 1, arbitrary: longOutput })
  .filter((s) => s.trim() !== "");

const tags = (html: string) => Array.from(html.matchAll(/<\/?([a-zA-Z0-9!]+)/g), (m) => m[0]);

const decode = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x60;/g, "`")
    .replace(/&#x3D;/g, "=")
    .replace(/&amp;/g, "&");

function prototypeSnapshot() {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) =>
    Object.getOwnPropertyNames(proto).map((name) => [
      name,
      Object.getOwnPropertyDescriptor(proto, name)!.value,
    ]),
  );
}

/** The same template rendered from harmless values with the same number of list items. */
const baselineTags = (itemCount: number) =>
  tags(
    renderTemplate({
      definition,
      slots: { title: "t", body: "b", items: Array(itemCount).fill("i") },
      brand,
      kit,
    }).parts.html!,
  );

describe("rendering arbitrary model output", () => {
  it("never becomes markup, is never evaluated, and leaves prototypes alone", () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(value, value, fc.array(value, { minLength: 1, maxLength: 3 }), (title, body, items) => {
        const { parts, slotErrors } = renderTemplate({
          definition,
          slots: { title, body, items },
          brand,
          kit,
        });
        expect(slotErrors).toEqual([]);
        const html = parts.html!;
        expect(html).not.toMatch(/<script/i);
        // The structure is the template's whatever the values: no tag came from a value.
        expect(tags(html)).toEqual(baselineTags(items.length));
        // The value sits escaped in its paragraph: no raw `<`, and decoding gives it back exactly.
        const inner = /<p id="body">([\s\S]*?)<\/p>/.exec(html)![1]!;
        expect(inner).not.toContain("<");
        expect(decode(inner)).toBe(body);
        // Text parts are not HTML: the value appears exactly as written, never evaluated.
        expect(parts.text).toBe(`[${body}]\nLegal text.`.trim());
      }),
      { numRuns: 300 },
    );
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("ignores __proto__ and constructor keys in the slot values", () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(value, (body) => {
        const hostile = JSON.parse(
          JSON.stringify({ title: "t", body, items: ["i"] }).replace(
            /^\{/,
            '{"__proto__":{"polluted":true,"body":"INJECTED"},"constructor":{"prototype":{"polluted":true}},',
          ),
        ) as Record<string, unknown>;
        const plain = renderTemplate({ definition, slots: { title: "t", body, items: ["i"] }, brand, kit });
        const attacked = renderTemplate({ definition, slots: hostile, brand, kit });
        expect(attacked).toEqual(plain);
      }),
      { numRuns: 100 },
    );
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
