import { describe, expect, it } from "vitest";
import { compileTemplate, type CompileResult } from "@/lib/templates/engine/compile-template";
import { HTML_COMPILE_OPTIONS, RUNTIME_OPTIONS, handlebars } from "@/lib/templates/engine/handlebars-env";

const LOCKED = `<img src="{{brand.logoUrl}}" alt="{{brand.name}}">{{#each kit.disclaimers}}<p>{{this}}</p>{{/each}}`;
const headline = { name: "headline", type: "text", maxLength: 80 } as const;

function display(html: string, slots: object[] = [headline]) {
  return { channel: "display", name: "Banner", slots, body: { html } };
}

function errorsOf(result: CompileResult) {
  if (result.ok) throw new Error("expected the template not to compile");
  return result.errors;
}

describe("compileTemplate", () => {
  it("compiles a valid template and hands back a render function", () => {
    const result = compileTemplate(display(`<h1>{{headline}}</h1>${LOCKED}`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const out = result.render({
      slots: { headline: "Hello" },
      brand: { name: "Acme", logoUrl: "https://acme.test/logo.png" },
      kit: { disclaimers: { display: ["Terms apply."] } },
    });
    expect(out.parts.html).toContain("<h1>Hello</h1>");
    expect(out.parts.html).toContain("<p>Terms apply.</p>");
  });

  it("rejects a variable that is neither a slot nor a locked field, with its position", () => {
    const errors = errorsOf(
      compileTemplate(display(`<h1>{{headline}}</h1>\n  <p>{{subtitle}}</p>${LOCKED}`)),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        path: "body.html",
        line: 2,
        column: 8,
        message: expect.stringContaining('"subtitle"'),
      }),
    ]);
  });

  it("rejects unknown helpers and the lookup/log built-ins", () => {
    for (const source of ["{{shout headline}}", '{{lookup brand "name"}}', "{{log headline}}"]) {
      const errors = errorsOf(compileTemplate(display(`<h1>${source}</h1>${LOCKED}`)));
      expect(errors[0]).toMatchObject({ path: "body.html", line: 1, column: 5 });
    }
  });

  it("refuses triple-stash and {{& }} at their line and column", () => {
    const errors = errorsOf(
      compileTemplate(display(`<div>\n  <h1>{{{headline}}}</h1>\n{{& headline}}${LOCKED}</div>`)),
    );
    expect(errors.map(({ line, column }) => [line, column])).toEqual([
      [2, 7],
      [3, 1],
    ]);
    expect(errors[0]!.message).toMatch(/unescaped/);
  });

  it("reports a parse error with line and column", () => {
    const errors = errorsOf(compileTemplate(display(`<h1>\n  {{headline}\n</h1>${LOCKED}`)));
    expect(errors).toEqual([expect.objectContaining({ path: "body.html", line: 2, column: 13 })]);
    expect(errors[0]!.message).toMatch(/cannot be parsed/);
  });

  it("reports a mismatched block with the position Handlebars gives", () => {
    const errors = errorsOf(compileTemplate(display(`${LOCKED}\n{{#if headline}}\n{{headline}}{{/each}}`)));
    expect(errors).toEqual([
      expect.objectContaining({ path: "body.html", line: 2, column: 4, message: "if doesn't match each" }),
    ]);
  });

  it("refuses partials, block parameters and unknown blocks", () => {
    const slots = [headline, { name: "items", type: "list", maxItems: 3, maxLength: 20 }];
    for (const source of [
      "{{> footer}}",
      "{{#each items as |i|}}{{i}}{{/each}}",
      "{{#headline}}x{{/headline}}",
    ]) {
      expect(compileTemplate(display(`${LOCKED}{{headline}}{{join items ","}}${source}`, slots)).ok).toBe(
        false,
      );
    }
  });

  it("checks that lists are iterated or joined, not printed", () => {
    const slots = [{ name: "items", type: "list", maxItems: 3, maxLength: 20 }];
    const errors = errorsOf(compileTemplate(display(`${LOCKED}<p>{{items}}</p>`, slots)));
    expect(errors[0]!.message).toMatch(/items is a list: use \{\{join items/);
    expect(
      compileTemplate(
        display(`${LOCKED}{{#each items}}<p>{{@index}} {{this}} {{../brand.name}}</p>{{/each}}`, slots),
      ).ok,
    ).toBe(true);
  });

  it("keeps locked regions out of slots: reserved names are refused", () => {
    for (const name of ["kit", "brand", "constructor", "__proto__", "upper", "toString"]) {
      const errors = errorsOf(
        compileTemplate(display(`${LOCKED}{{headline}}`, [headline, { ...headline, name }])),
      );
      expect(errors.some((e) => e.path === "slots.1.name")).toBe(true);
    }
  });

  it("requires the locked regions and that every declared slot is used", () => {
    const errors = errorsOf(
      compileTemplate(display("<h1>{{headline}}</h1>", [headline, { ...headline, name: "unused" }])),
    );
    const messages = errors.map((e) => e.message).join("\n");
    expect(messages).toContain("{{brand.logoUrl}}");
    expect(messages).toContain("{{kit.disclaimers}}");
    expect(messages).toContain('Slot "unused" is declared but never used');
  });

  it("checks a slot's example against its own limits", () => {
    const errors = errorsOf(
      compileTemplate(display(`${LOCKED}{{headline}}`, [{ ...headline, maxLength: 5, example: "Too long" }])),
    );
    expect(errors).toEqual([expect.objectContaining({ path: "slots.0.example" })]);
  });

  it("compiles once per content: the same content in any key order hits the cache", () => {
    const a = compileTemplate(display(`<h1>{{headline}}</h1>${LOCKED}`));
    const b = compileTemplate({
      body: { html: `<h1>{{headline}}</h1>${LOCKED}` },
      slots: [headline],
      name: "Banner",
      channel: "display",
    });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.hash).toBe(a.hash);
    expect(b.render).toBe(a.render);
  });
});

describe("the Handlebars environment itself", () => {
  it("is strict: an unknown variable throws rather than rendering empty", () => {
    expect(() => handlebars.compile("{{nope}}", HTML_COMPILE_OPTIONS)({}, RUNTIME_OPTIONS)).toThrow(
      /"nope" not defined/,
    );
  });

  it("rejects unknown helpers when compiling", () => {
    expect(() =>
      handlebars.compile("{{shout x}}", HTML_COMPILE_OPTIONS)({ x: "a" }, RUNTIME_OPTIONS),
    ).toThrow(/unknown helper shout/);
  });

  it("does not resolve inherited properties", () => {
    const render = handlebars.compile("[{{constructor}}][{{x.__proto__}}]", {
      ...HTML_COMPILE_OPTIONS,
      strict: false,
    });
    expect(render({ x: "a" }, RUNTIME_OPTIONS)).toBe("[][]");
  });
});
