const TONE = {
  added: "bg-green-100 text-green-900",
  removed: "bg-red-100 text-red-900",
  same: "text-slate-800",
} as const;
const MARK = { added: "+ ", removed: "- ", same: "  " } as const;

/** A line diff; the region scrolls sideways, so it is focusable and named for keyboards. */
export function DiffView({
  lines,
  label,
  className = "",
}: {
  lines: { kind: "added" | "removed" | "same"; text: string }[];
  label: string;
  className?: string;
}) {
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className={`overflow-x-auto rounded-md bg-slate-50 p-3 text-xs leading-5 ${className}`}
    >
      {lines.map((line, i) => (
        <div key={i} className={TONE[line.kind]}>
          {MARK[line.kind]}
          {line.text}
        </div>
      ))}
    </pre>
  );
}
