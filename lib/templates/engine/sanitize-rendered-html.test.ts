import { describe, expect, it } from "vitest";
import { sanitizeRenderedHtml } from "@/lib/templates/engine/sanitize-rendered-html";

describe("sanitizeRenderedHtml", () => {
  it("strips javascript: links, event handlers, scripts and frames", () => {
    const out = sanitizeRenderedHtml(
      `<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><img src="x.png" onerror="alert(1)" alt="x">` +
        `<script>alert(1)</script><iframe src="https://evil.test"></iframe><p onclick="alert(1)">p</p>`,
    );
    expect(out).toBe('<a>a</a><a>b</a><img src="x.png" alt="x" /><p>p</p>');
  });

  it("keeps http(s) and mailto links, and http(s) or cid images", () => {
    const html =
      '<a href="https://a.test/?x=1&amp;y=2">w</a><a href="mailto:hi@a.test">m</a><img src="cid:logo" alt="" />';
    expect(sanitizeRenderedHtml(html)).toBe(html);
    expect(sanitizeRenderedHtml('<img src="data:image/png;base64,AAAA" alt="" />')).toBe('<img alt="" />');
    expect(sanitizeRenderedHtml('<a href="//evil.test/">x</a>')).toBe("<a>x</a>");
  });

  it("keeps presentational inline styles and drops ones that load or run anything", () => {
    const out = sanitizeRenderedHtml(
      '<td style="color: #1f2933; padding: 8px; background-image: url(https://t.test/p.gif); width: expression(alert(1))">x</td>',
    );
    expect(out).toContain('style="color:#1f2933;padding:8px"');
  });

  it("gives a whole document its doctype back and drops http-equiv", () => {
    const out = sanitizeRenderedHtml(
      '<html lang="en"><head><meta http-equiv="refresh" content="0;url=https://evil.test"></head></html>',
    );
    expect(out).toBe('<!DOCTYPE html>\n<html lang="en"><head></head></html>');
  });

  it("adds rel=noopener to links that open a new window", () => {
    expect(sanitizeRenderedHtml('<a href="https://a.test" target="_blank">x</a>')).toBe(
      '<a href="https://a.test" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });
});
