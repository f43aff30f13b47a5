import type { Metadata } from "next";
import Link from "next/link";
import { type BlindAnswer, nextBlindPair } from "@/lib/review/blind/next-blind-pair";
import { Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { CompareForm } from "./compare-form";

export const metadata: Metadata = { title: "Compare answers" };

function Answer({ id, title, answer }: { id: string; title: string; answer: BlindAnswer }) {
  return (
    <Card>
      <section aria-labelledby={id}>
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        <dl className="mt-2 space-y-2">
          {answer.map((part, i) => (
            <div key={i}>
              {part.name && <dt className="text-xs font-medium text-slate-700">{part.name}</dt>}
              <dd className="text-sm whitespace-pre-wrap text-slate-900">{part.text}</dd>
            </div>
          ))}
        </dl>
      </section>
    </Card>
  );
}

/**
 * Blind comparison: two answers to the same brief as A and B, in an order only the server
 * knows. Nothing here — text, attributes or the client form's props — says which model or
 * version wrote which; the verdict is mapped in lib/review/blind.
 */
export default async function ComparePage() {
  const access = await requireSection("review");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const pair = await nextBlindPair(access.session, { brandId });
  return (
    <>
      <PageHeader
        title="Compare answers"
        description="Two answers to the same brief, in random order. Pick the better one, or say they are about the same."
      >
        <Link href="/review" className="text-sm font-medium text-brand-900 underline">
          Back to the queue
        </Link>
      </PageHeader>
      {!pair ? (
        <p className="text-sm text-slate-700">Nothing to compare right now.</p>
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700" data-testid="compare-waiting">
            {pair.waiting} {pair.waiting === 1 ? "pair" : "pairs"} waiting for you.
          </p>
          <Card>
            <h2 className="text-sm font-semibold text-slate-900">Brief</h2>
            <p className="mt-1 text-sm whitespace-pre-wrap text-slate-800">{pair.prompt}</p>
          </Card>
          <div className="grid gap-4 md:grid-cols-2">
            <Answer id="answer-a" title="A" answer={pair.a} />
            <Answer id="answer-b" title="B" answer={pair.b} />
          </div>
          <Card>
            <CompareForm key={pair.shadowOutputId} brandId={brandId} pairId={pair.shadowOutputId} />
          </Card>
        </div>
      )}
    </>
  );
}
