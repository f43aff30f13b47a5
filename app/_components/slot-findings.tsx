/** The checks that did not pass on one slot of a revision, as the Library and Review pages show them. */
export function SlotFindings({
  slot,
  results,
}: {
  slot: string;
  results: readonly { checkId: string; verdict: string; explanation: string }[] | undefined;
}) {
  const findings = results?.filter((r) => r.verdict !== "pass") ?? [];
  if (findings.length === 0) return null;
  return (
    <ul className="mt-2 list-disc pl-5 text-sm text-slate-800" aria-label={`Findings for ${slot}`}>
      {findings.map((f) => (
        <li key={f.checkId}>
          <span className="font-medium">{f.verdict}</span>: {f.explanation}
        </li>
      ))}
    </ul>
  );
}
