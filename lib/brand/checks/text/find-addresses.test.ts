import { describe, expect, it } from "vitest";
import { findAddresses, isHostWithin } from "./find-addresses";

const hosts = (text: string) => findAddresses(text).map((a) => [a.kind, a.host ?? null]);

describe("findAddresses", () => {
  it("reads hosts as a browser does", () => {
    expect(hosts("https://acme.com@evil.com")).toEqual([["url", "evil.com"]]);
    expect(hosts("https://evil.com\\@acme.com")).toEqual([["url", "evil.com"]]);
    expect(hosts("https://acme.com.evil.com/x")).toEqual([["url", "acme.com.evil.com"]]);
    // A Cyrillic "а" makes a different (punycode) host, so it is not acme.com.
    expect(hosts("https://аcme.com")[0]?.[1]).toMatch(/^xn--.*\.com$/);
  });

  it("finds www and bare domains but not abbreviations or file names", () => {
    expect(hosts("www.acme.com, shop.acme.co.uk. e.g. i.e. report.pdf Node.js")).toEqual([
      ["www", "www.acme.com"],
      ["domain", "shop.acme.co.uk"],
    ]);
  });

  it("trims trailing punctuation and markdown brackets from links", () => {
    expect(findAddresses("see (https://acme.com/a).").map((a) => a.raw)).toEqual(["https://acme.com/a"]);
  });
});

describe("isHostWithin", () => {
  it("allows the domain and its subdomains only", () => {
    expect(isHostWithin("acme.com", "acme.com")).toBe(true);
    expect(isHostWithin("shop.acme.com", "acme.com")).toBe(true);
    expect(isHostWithin("notacme.com", "acme.com")).toBe(false);
    expect(isHostWithin("acme.com.evil.com", "acme.com")).toBe(false);
  });
});
