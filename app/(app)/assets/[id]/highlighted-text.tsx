/** The text with every offending span marked; overlapping spans merge into one mark. */
export function HighlightedText({
  text,
  spans,
}: {
  text: string;
  spans: { start: number; end: number; message: string; verdict: "pass" | "warn" | "fail" }[];
}) {
  const sorted = [...spans]
    .filter((s) => s.end > s.start && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (let i = 0; i < sorted.length; i++) {
    const span = sorted[i]!;
    let end = span.end;
    const messages = [span.message];
    let fail = span.verdict === "fail";
    while (i + 1 < sorted.length && sorted[i + 1]!.start < end) {
      i++;
      end = Math.max(end, sorted[i]!.end);
      messages.push(sorted[i]!.message);
      fail ||= sorted[i]!.verdict === "fail";
    }
    const start = Math.max(span.start, at);
    if (start > at) pieces.push(text.slice(at, start));
    pieces.push(
      <mark
        key={start}
        title={messages.join("; ")}
        className={`rounded px-0.5 ${fail ? "bg-red-200 text-red-950" : "bg-amber-200 text-amber-950"}`}
      >
        {text.slice(start, end)}
        <span className="sr-only"> ({messages.join("; ")})</span>
      </mark>,
    );
    at = end;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return (
    <p className="whitespace-pre-wrap text-sm leading-6 text-slate-900" data-testid="highlighted-text">
      {pieces}
    </p>
  );
}
