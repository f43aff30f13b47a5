/**
 * The one date format people read in Brandgate: the reader's locale, always in UTC. The server
 * cannot know the reader's time zone, and the audit filters and exports are in UTC, so every
 * date says UTC rather than guessing; the locale only decides the order and the month's name.
 * Same input, same text on the server and in the browser, so hydration never differs.
 */
const FALLBACK_LOCALE = "en-GB";

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
};
const DATE_ONLY: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
};
/** For chart axes, where the year is in the caption. */
const DAY_MONTH: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", timeZone: "UTC" };
const STYLES = { "date-time": DATE_TIME, date: DATE_ONLY, "day-month": DAY_MONTH };

export type DateStyle = keyof typeof STYLES;

const cache = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(
  value: Date | string | number,
  locale: string,
  style: DateStyle = "date-time",
): string {
  const key = `${locale}|${style}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(supported(locale), STYLES[style]);
    cache.set(key, format);
  }
  return format.format(new Date(value));
}

/** The first locale of an Accept-Language header that Intl supports, else en-GB. */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  const ranked = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.tag !== "" && l.tag !== "*" && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const locale = supported(tag);
    if (locale !== FALLBACK_LOCALE || tag.toLowerCase() === "en-gb") return locale;
  }
  return FALLBACK_LOCALE;
}

function supported(tag: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(tag)[0] ?? FALLBACK_LOCALE;
  } catch {
    // A malformed tag (a header is user input) throws RangeError.
    return FALLBACK_LOCALE;
  }
}
