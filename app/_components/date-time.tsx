import { formatDateTime } from "./format-date-time";

/**
 * A date as people read it, with the exact instant for machines. Pure (no hooks), so server
 * and client components alike render it; the locale comes from `requestLocale()` on the server.
 */
export function DateTime({
  value,
  locale,
  dateOnly = false,
  className,
}: {
  value: Date | string | number;
  locale: string;
  dateOnly?: boolean;
  className?: string;
}) {
  const date = new Date(value);
  return (
    <time dateTime={dateOnly ? date.toISOString().slice(0, 10) : date.toISOString()} className={className}>
      {formatDateTime(date, locale, { dateOnly })}
    </time>
  );
}
