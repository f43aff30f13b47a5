/** Past this many keys or characters, the details fold behind a summary so a row stays one or two lines tall. */
const OPEN_KEYS = 3;
const OPEN_CHARS = 160;
const VALUE_CHARS = 300;

/** An audit entry's data as a compact `key: value` list instead of raw JSON. */
export function AuditDetails({ data }: { data: Record<string, unknown> }) {
  const pairs = Object.entries(data).map(([key, value]) => [key, valueText(value)] as const);
  if (pairs.length === 0) return null;
  const list = (shown: readonly (readonly [string, string])[]) => (
    <dl className="space-y-0.5">
      {shown.map(([key, value]) => (
        <div key={key} className="flex flex-wrap gap-x-1">
          <dt className="text-slate-700">{key}:</dt>
          <dd className="min-w-0 break-all text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
  const chars = pairs.reduce((n, [k, v]) => n + k.length + v.length, 0);
  if (pairs.length <= OPEN_KEYS && chars <= OPEN_CHARS) return list(pairs);
  return (
    <details>
      <summary className="cursor-pointer text-slate-800">
        {pairs
          .slice(0, 2)
          .map(([k]) => k)
          .join(", ")}
        {pairs.length > 2 ? ` and ${pairs.length - 2} more` : ""}
      </summary>
      <div className="mt-1">{list(pairs)}</div>
    </details>
  );
}

function valueText(value: unknown): string {
  const text =
    value === null || value === undefined
      ? "—"
      : typeof value === "string"
        ? value
        : typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")
            ? value.join(", ")
            : JSON.stringify(value);
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}
