"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Slot } from "@/lib/templates/definition";
import { slotLabel } from "@/lib/templates/slot-label";
import { ScoreBadge } from "../../../_components/score-badge";
import { SlotFindings } from "../../../_components/slot-findings";
import { Button } from "../../../_components/ui";
import { saveSlots } from "../../studio/actions";

type Checks = Record<
  string,
  { score: number; blocked: boolean; results: { checkId: string; verdict: string; explanation: string }[] }
>;

/** Roughly 70 characters a row at the form's width; a short slot gets one row, a long one up to eight. */
function rowsFor(slot: Slot): number {
  if (slot.type === "list") return Math.min(Math.max(slot.maxItems, 2), 8);
  // A URL's limit is generous (2048) but a link is one line; two rows show a long one whole.
  if (slot.type === "url") return 2;
  return Math.min(Math.max(Math.ceil(slot.maxLength / 70), 1), 8);
}

const asText = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join("\n") : (value ?? "");

/**
 * All of an item's fields in one form, in the template's order: one Save makes one revision
 * and runs the checks once, instead of a revision (and a check run) per field.
 */
export function SlotsForm({
  brandId,
  contentItemId,
  slots,
  values,
  checks,
}: {
  brandId: string;
  contentItemId: string;
  slots: Slot[];
  values: Record<string, string | string[] | undefined>;
  checks: Checks;
}) {
  const router = useRouter();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(slots.map((s) => [s.name, asText(values[s.name])])),
  );
  const [error, setError] = useState<{ message: string; slots: string[] } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const changed = slots.filter((s) => texts[s.name] !== asText(values[s.name]));

  function save(event: React.FormEvent) {
    event.preventDefault();
    start(async () => {
      setError(null);
      setSaved(null);
      const result = await saveSlots({
        brandId,
        contentItemId,
        slots: Object.fromEntries(
          changed.map((s) => [
            s.name,
            s.type === "list"
              ? texts[s.name]!.split("\n")
                  .map((line) => line.trim())
                  .filter(Boolean)
              : texts[s.name]!,
          ]),
        ),
      });
      if (result.ok) {
        setSaved(`Saved as revision ${result.data.revision}; checks ran again.`);
        router.refresh();
      } else {
        const details = Array.isArray(result.error.details) ? (result.error.details as unknown[]) : [];
        const faulty = details.flatMap((d) =>
          typeof d === "object" && d !== null && "path" in d && typeof d.path === "string"
            ? [d.path.replace(/^slots\./, "")]
            : [],
        );
        setError({ message: result.error.message, slots: faulty });
      }
    });
  }

  return (
    <form onSubmit={save} aria-label="Edit the fields" className="space-y-4">
      {slots.map((slot) => {
        const id = `edit-${slot.name}`;
        const slotChecks = checks[slot.name];
        const faulty = error?.slots.includes(slot.name) ?? false;
        const limit =
          slot.type === "list"
            ? `one per line, up to ${slot.maxItems}, each at most ${slot.maxLength} characters`
            : `at most ${slot.maxLength} characters`;
        const length = Array.from(texts[slot.name] ?? "").length;
        return (
          <div
            key={slot.name}
            className="rounded-md border border-slate-200 p-3"
            data-testid={`slot-${slot.name}`}
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <label htmlFor={id} className="font-medium text-slate-900">
                {slotLabel(slot)}
              </label>
              {slotChecks && <ScoreBadge score={slotChecks.score} blocked={slotChecks.blocked} />}
            </div>
            <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-700">
              {slot.required || /^optional\b/i.test(slot.hint) ? "" : "Optional. "}
              {slot.hint ? `${slot.hint} ` : ""}({limit})
            </p>
            <SlotFindings slot={slotLabel(slot)} results={slotChecks?.results} />
            <textarea
              id={id}
              value={texts[slot.name] ?? ""}
              onChange={(e) => setTexts({ ...texts, [slot.name]: e.target.value })}
              rows={rowsFor(slot)}
              aria-describedby={`${id}-hint`}
              aria-invalid={faulty || undefined}
              className={`mt-2 block w-full rounded-md border bg-white px-3 py-2 text-sm ${
                faulty ? "border-red-700" : "border-slate-400"
              }`}
            />
            {slot.type !== "list" && (
              <p className={`mt-1 text-xs ${length > slot.maxLength ? "text-red-900" : "text-slate-700"}`}>
                {length} / {slot.maxLength}
              </p>
            )}
          </div>
        );
      })}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          {error.message}
        </p>
      )}
      {saved && (
        <p role="status" className="text-sm text-slate-800">
          {saved}
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={pending || changed.length === 0}>
        {pending ? "Checking…" : "Save changes"}
      </Button>
    </form>
  );
}
