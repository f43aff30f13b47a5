import { describe, expect, it } from "vitest";
import { formatDateTime, localeFromAcceptLanguage } from "./format-date-time";

const AT = new Date("2026-12-07T23:57:41.123Z");

describe("formatDateTime", () => {
  it("writes the instant in UTC in the reader's locale, whatever the machine's zone", () => {
    expect(formatDateTime(AT, "en-GB")).toBe("7 Dec 2026, 23:57 UTC");
    expect(formatDateTime(AT, "en-US")).toBe("Dec 7, 2026, 11:57 PM UTC");
    expect(formatDateTime(AT, "de-DE")).toBe("7. Dez. 2026, 23:57 UTC");
    expect(formatDateTime(AT.toISOString(), "en-GB", "date")).toBe("7 Dec 2026");
    expect(formatDateTime("2026-12-07", "en-US", "day-month")).toBe("Dec 7");
  });

  it("does not move a date across midnight for a process in another zone", () => {
    const before = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      expect(formatDateTime(AT, "en-GB", "date")).toBe("7 Dec 2026");
    } finally {
      process.env.TZ = before;
    }
  });
});

describe("localeFromAcceptLanguage", () => {
  it("takes the preferred supported locale, else en-GB", () => {
    expect(localeFromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8")).toBe("de-DE");
    expect(localeFromAcceptLanguage("fr;q=0.5, en-US;q=0.9")).toBe("en-US");
    expect(localeFromAcceptLanguage("en-GB")).toBe("en-GB");
    expect(localeFromAcceptLanguage(undefined)).toBe("en-GB");
    expect(localeFromAcceptLanguage("*")).toBe("en-GB");
    expect(localeFromAcceptLanguage("not a tag!!, en-US")).toBe("en-US");
  });
});
