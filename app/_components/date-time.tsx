import { formatDateTime, type DateStyle } from "./format-date-time";

/**
 * A date as people read it, with the exact instant for machines. Pure (no hooks), so server
 * and client components alike render it; the locale comes from `requestLocale()` on the server.
 */
export function DateTime({
  value,
  locale,
  style = "date-time",
  className,
}: {
  value: Date | string | number;
  locale: string;
  style?: DateStyle;
  className?: string;
}) {
  const date = new Date(value);
  return (
    <time
      dateTime={style === "date-time" ? date.toISOString() : date.toISOString().slice(0, 10)}
      className={className}
    >
      {formatDateTime(date, locale, style)}
    </time>
  );
}
