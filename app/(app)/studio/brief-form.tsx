"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Slot } from "@/lib/templates/definition";
import { slotLabel } from "@/lib/templates/slot-label";
import { ScoreBadge } from "../../_components/score-badge";
import { Button, Card, Input, Label } from "../../_components/ui";
import { pollGeneration, startGeneration } from "./actions";

/** A brief to start from: the one a generation was made from, when the marketer comes back to it. */
export type InitialBrief = {
  /** The generation it was made for. */
  id: string;
  templateVersionId: string;
  summary: string;
  slots: Record<string, string>;
  assetIds: string[];
  /** Why the input checks blocked it, when they did. */
  blockedReasons: string[] | null;
};

/** How long the form waits for the input checks before it hands over to the generation page. */
const INPUT_CHECK_WAIT_MS = 8000;

/**
 * Waits for the input checks: null once they pass (or the wait runs out), else why they
 * blocked the brief. The form stays filled either way, so a blocked brief is fixed in place.
 */
async function inputCheckRefusal(brandId: string, id: string): Promise<string[] | null> {
  const until = Date.now() + INPUT_CHECK_WAIT_MS;
  while (Date.now() < until) {
    const result = await pollGeneration({ brandId, id });
    if (!result.ok) return null;
    const { status, steps, outcome } = result.data;
    if (status === "blocked" && outcome?.phase === "input") return outcome.reasons;
    if (status !== "queued" || steps.some((s) => s.name === "input-checks")) return null;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return null;
}

type UsableTemplate = {
  templateId: string;
  name: string;
  channel: string;
  versionId: string;
  version: number;
  slots: Slot[];
};

type AssetOption = {
  id: string;
  name: string;
  kind: string;
  score: number | null;
  blocked: boolean | null;
  blockedReason: string | null;
};

export function BriefForm({
  brandId,
  templates,
  assets,
  initial,
}: {
  brandId: string;
  templates: UsableTemplate[];
  assets: AssetOption[];
  initial: InitialBrief | null;
}) {
  const [assetIds, setAssetIds] = useState<string[]>(initial?.assetIds ?? []);
  const router = useRouter();
  const [versionId, setVersionId] = useState(
    templates.find((t) => t.versionId === initial?.templateVersionId)?.versionId ?? templates[0]!.versionId,
  );
  const [summary, setSummary] = useState(initial?.summary ?? "");
  const [slotNotes, setSlotNotes] = useState<Record<string, string>>(initial?.slots ?? {});
  const [error, setError] = useState<string | null>(null);
  // undefined until this form generates: until then the record's reasons show (the page may be
  // rendered again from the blocked record while this instance waits, see generate below).
  const [ownBlocked, setBlocked] = useState<string[] | null | undefined>(undefined);
  const blocked = ownBlocked === undefined ? (initial?.blockedReasons ?? null) : ownBlocked;
  const [pending, start] = useTransition();
  const template = templates.find((t) => t.versionId === versionId)!;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setBlocked(null);
    start(async () => {
      const slots = Object.fromEntries(
        Object.entries(slotNotes).filter(([k, v]) => v.trim() && template.slots.some((s) => s.name === k)),
      );
      const result = await startGeneration({
        brandId,
        templateVersionId: versionId,
        brief: { summary, slots },
        assetIds,
      });
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      const id = result.data.generationId;
      // Back from the generation page comes here with this brief filled in again. A router
      // navigation, not history.replaceState: Back restores the page the router holds for
      // this address, so it must be the one rendered for this generation's brief.
      router.replace(`/studio?from=${id}`, { scroll: false });
      const refusal = await inputCheckRefusal(brandId, id);
      if (refusal) {
        setBlocked(refusal);
        // The replace above renders this page for the new generation (a new form instance, keyed
        // by it) and may do so while the checks still run, from a queued record, so this
        // instance's state is gone: render it again from the blocked record, whose reasons the
        // new instance shows.
        router.refresh();
      } else router.push(`/studio/generations/${id}`);
    });
  }

  return (
    <Card>
      <form onSubmit={submit} className="space-y-4">
        <div className="space-y-1.5">
          <Label htmlFor="brief-template">Template</Label>
          <select
            id="brief-template"
            value={versionId}
            onChange={(e) => setVersionId(e.target.value)}
            className="block rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
          >
            {templates.map((t) => (
              <option key={t.versionId} value={t.versionId}>
                {t.name} ({t.channel}, v{t.version})
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="brief-summary">Brief</Label>
          <textarea
            id="brief-summary"
            required
            rows={3}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
            placeholder="What should this piece say, to whom, and why now?"
          />
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">Per-field instructions (optional)</legend>
          {template.slots.map((slot) => (
            <div key={slot.name} className="space-y-1">
              <Label htmlFor={`slot-${slot.name}`} className="font-normal">
                {slotLabel(slot)} <span className="text-slate-700">— {slot.hint || slot.type}</span>
              </Label>
              <Input
                id={`slot-${slot.name}`}
                value={slotNotes[slot.name] ?? ""}
                onChange={(e) => setSlotNotes({ ...slotNotes, [slot.name]: e.target.value })}
              />
            </div>
          ))}
        </fieldset>
        {assets.length > 0 && (
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">
              Attach assets (their checks must pass)
            </legend>
            {assets.map((a) => (
              <label
                key={a.id}
                className={`flex flex-wrap items-center gap-2 text-sm ${a.blocked ? "text-slate-700" : "text-slate-900"}`}
              >
                <input
                  type="checkbox"
                  // A blocked asset cannot be attached: the reason shows beside it, and the server refuses it too.
                  disabled={a.blocked === true}
                  checked={assetIds.includes(a.id)}
                  onChange={(e) =>
                    setAssetIds(e.target.checked ? [...assetIds, a.id] : assetIds.filter((x) => x !== a.id))
                  }
                />
                {a.name} <span className="text-slate-700">({a.kind})</span>
                <ScoreBadge score={a.score} blocked={a.blocked} reason={a.blockedReason} />
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        {blocked && (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            <p className="font-medium">The input checks blocked this brief. Edit it and generate again.</p>
            <ul className="list-disc pl-5">
              {blocked.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </div>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? "Checking the brief…" : "Generate"}
        </Button>
      </form>
    </Card>
  );
}
