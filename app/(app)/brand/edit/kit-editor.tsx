"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { CHANNELS, CLAIM_KINDS, FORMALITIES, IMAGE_FORMATS } from "@/lib/brand/kit";
import { formToKit, type KitForm } from "@/lib/brand/kits/kit-form";
import type { LogoCandidate } from "@/lib/brand/kits/kit-logos";
import { Button, Input, Label } from "../../../_components/ui";
import { saveKit } from "../actions";
import {
  CheckboxSet,
  FieldIssues,
  IssuesContext,
  ListField,
  NumberField,
  Section,
  SelectField,
  TextAreaField,
} from "./kit-fields";
import { BannedTermRows, PaletteRows, TerminologyRows } from "./kit-rows";
import { LogoPicker } from "./logo-picker";
import { placeIssues, type Issue } from "./place-issues";

const ROW_LISTS: Partial<Record<keyof KitForm, string>> = {
  colours: "palette.colours",
  terminology: "terminology",
  bannedTerms: "bannedTerms",
};

/** Every kit path the form shows issues at; an issue under none of them goes to the summary. */
function slotsOf(form: KitForm): string[] {
  const rows = (base: string, count: number, fields: string[]) =>
    Array.from({ length: count }, (_, i) => [
      `${base}.${i}`,
      ...fields.map((f) => `${base}.${i}.${f}`),
    ]).flat();
  return [
    "voice.description",
    "voice.tone",
    "voice.style.formality",
    "voice.style.maxExclamationShare",
    "voice.style.maxSentenceWords",
    "voice.style.avoidWords",
    "bannedTerms",
    ...rows("bannedTerms", form.bannedTerms.length, ["term", "reason"]),
    "competitors",
    "terminology",
    ...rows("terminology", form.terminology.length, ["preferred", "deprecated"]),
    "trademarks",
    ...CHANNELS.flatMap((c) => [`disclaimers.${c}`, `lengthLimits.${c}`]),
    "claims.phrases",
    "claims.kinds",
    "allowedLinkDomains",
    "publicContacts",
    "readingLevel.maxGrade",
    "palette.colours",
    ...rows("palette.colours", form.colours.length, ["name", "hex"]),
    "palette.tolerance",
    "images.allowedFormats",
    "images.minWidth",
    "images.minHeight",
    "images.maxBytes",
    "images.logoNeedsTransparency",
    "logos",
    "threshold",
  ];
}

/**
 * The kit as a form: every field of the kit schema has a control, and each validation issue
 * the server names (`palette.colours.2.hex`) is shown under its field. Saving makes a draft
 * version; the brand page then offers to publish it, which is what makes checks use it.
 */
export function KitEditor({
  brandId,
  baseVersion,
  initial,
  candidates,
}: {
  brandId: string;
  baseVersion: number | null;
  initial: KitForm;
  candidates: LogoCandidate[];
}) {
  const router = useRouter();
  const [form, setForm] = useState<KitForm>(initial);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [pending, start] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  // Kit paths edited since the last save attempt: their issues are stale and are hidden.
  const [edited, setEdited] = useState<string[]>([]);
  const placed = useMemo(() => {
    const { bySlot, unplaced } = placeIssues(issues, slotsOf(form));
    const stale = (slot: string) =>
      edited.some((e) => e === slot || e.startsWith(`${slot}.`) || slot.startsWith(`${e}.`));
    return { bySlot: new Map([...bySlot].filter(([slot]) => !stale(slot))), unplaced };
  }, [issues, form, edited]);
  const markEdited = (path: string) => setEdited((all) => (all.includes(path) ? all : [...all, path]));
  const set = <K extends keyof KitForm>(key: K, value: KitForm[K]) => {
    // A row added or removed moves the rows below it: the issues' indices no longer fit.
    const list = ROW_LISTS[key];
    if (list && Array.isArray(value) && value.length !== (form[key] as unknown[]).length) markEdited(list);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const setVoice = (patch: Partial<KitForm["voice"]>) =>
    setForm((f) => ({ ...f, voice: { ...f.voice, ...patch } }));
  const setImages = (patch: Partial<KitForm["images"]>) =>
    setForm((f) => ({ ...f, images: { ...f.images, ...patch } }));

  // The field at fault may be far above the button: take the keyboard (and the eye) to the first.
  useEffect(() => {
    if (issues.length > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [issues]);

  function save() {
    setError(null);
    setIssues([]);
    setEdited([]);
    start(async () => {
      const result = await saveKit({ brandId, baseVersion, content: formToKit(form), note });
      if (result.ok) {
        router.push(`/brand?saved=${result.data.version}`);
        return;
      }
      setError(result.error.message);
      if (Array.isArray(result.error.details)) setIssues(result.error.details as Issue[]);
    });
  }

  return (
    <IssuesContext.Provider value={placed.bySlot}>
      <form
        ref={formRef}
        noValidate
        aria-label="Brand kit"
        className="space-y-6"
        // Every kit field's id is its path (fieldId): an edit there hides that field's old issues.
        onChangeCapture={(e) => {
          const id = (e.target as HTMLElement).id;
          if (id.startsWith("kit-")) markEdited(id.slice(4).replace(/-/g, "."));
        }}
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Section title="Voice">
          <TextAreaField
            slot="voice.description"
            label="Description"
            value={form.voice.description}
            onChange={(description) => setVoice({ description })}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <ListField
              slot="voice.tone"
              label="Tone words"
              value={form.voice.tone}
              onChange={(tone) => setVoice({ tone })}
            />
            <ListField
              slot="voice.style.avoidWords"
              label="Words the voice avoids"
              help="One per line. The tone check warns on these; banned terms block."
              value={form.voice.avoidWords}
              onChange={(avoidWords) => setVoice({ avoidWords })}
            />
          </div>
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              slot="voice.style.formality"
              label="Formality"
              options={FORMALITIES}
              value={form.voice.formality}
              onChange={(formality) => setVoice({ formality })}
            />
            <NumberField
              slot="voice.style.maxSentenceWords"
              label="Longest sentence (words)"
              step="1"
              value={form.voice.maxSentenceWords}
              onChange={(maxSentenceWords) => setVoice({ maxSentenceWords })}
            />
            <NumberField
              slot="voice.style.maxExclamationShare"
              label="Share of sentences ending in “!”"
              help="From 0 to 1."
              step="0.01"
              value={form.voice.maxExclamationShare}
              onChange={(maxExclamationShare) => setVoice({ maxExclamationShare })}
            />
          </div>
        </Section>

        <Section title="Palette" help="Images are checked against these colours.">
          <PaletteRows rows={form.colours} onChange={(colours) => set("colours", colours)} />
          <NumberField
            slot="palette.tolerance"
            label="Colour tolerance"
            help="How far (CIEDE2000) an image colour may be from a palette colour and still count as it."
            value={form.tolerance}
            onChange={(tolerance) => set("tolerance", tolerance)}
          />
        </Section>

        <Section title="Words">
          <div className="space-y-2">
            <h3 className="text-sm font-medium text-slate-800">Terminology</h3>
            <TerminologyRows rows={form.terminology} onChange={(rows) => set("terminology", rows)} />
          </div>
          <div className="space-y-2">
            <h3 className="text-sm font-medium text-slate-800">Banned terms</h3>
            <p className="text-xs text-slate-700">Each term with the reason shown when content uses it.</p>
            <BannedTermRows rows={form.bannedTerms} onChange={(rows) => set("bannedTerms", rows)} />
          </div>
          <div className="grid gap-4 md:grid-cols-2">
            <ListField
              slot="competitors"
              label="Competitors"
              value={form.competitors}
              onChange={(v) => set("competitors", v)}
            />
            <ListField
              slot="trademarks"
              label="Trademarks"
              help="One per line, written exactly as content must write them."
              value={form.trademarks}
              onChange={(v) => set("trademarks", v)}
            />
          </div>
        </Section>

        <Section
          title="Channels"
          help="Disclaimers content for a channel must carry, and its longest length."
        >
          <div className="space-y-4">
            {CHANNELS.map((c) => (
              <div
                key={c}
                className="grid gap-3 border-t border-slate-100 pt-3 first:border-0 first:pt-0 md:grid-cols-[1fr_12rem]"
              >
                <ListField
                  slot={`disclaimers.${c}`}
                  label={`${c[0]!.toUpperCase()}${c.slice(1)} disclaimers`}
                  value={form.disclaimers[c]}
                  onChange={(v) => set("disclaimers", { ...form.disclaimers, [c]: v })}
                />
                <NumberField
                  slot={`lengthLimits.${c}`}
                  label={`${c[0]!.toUpperCase()}${c.slice(1)} length limit`}
                  help="Characters; empty for none."
                  step="1"
                  value={form.lengthLimits[c]}
                  onChange={(v) => set("lengthLimits", { ...form.lengthLimits, [c]: v })}
                />
              </div>
            ))}
          </div>
        </Section>

        <Section title="Claims, links and contacts">
          <CheckboxSet
            slot="claims.kinds"
            legend="Claim kinds to check"
            options={CLAIM_KINDS}
            value={form.claimKinds}
            onChange={(v) => set("claimKinds", v)}
          />
          <div className="grid gap-4 md:grid-cols-3">
            <ListField
              slot="claims.phrases"
              label="Claim phrases"
              help="One per line: phrases that need legal review."
              value={form.claimPhrases}
              onChange={(v) => set("claimPhrases", v)}
            />
            <ListField
              slot="allowedLinkDomains"
              label="Allowed link domains"
              help="One per line, e.g. example.com; subdomains are allowed too."
              value={form.allowedLinkDomains}
              onChange={(v) => set("allowedLinkDomains", v)}
            />
            <ListField
              slot="publicContacts"
              label="Public contacts"
              help="One per line: addresses and numbers the brand publishes."
              value={form.publicContacts}
              onChange={(v) => set("publicContacts", v)}
            />
          </div>
        </Section>

        <Section title="Images and logos">
          <CheckboxSet
            slot="images.allowedFormats"
            legend="Allowed formats"
            options={IMAGE_FORMATS}
            value={form.images.allowedFormats}
            onChange={(allowedFormats) => setImages({ allowedFormats })}
          />
          <div className="grid gap-4 sm:grid-cols-3">
            <NumberField
              slot="images.minWidth"
              label="Smallest width (px)"
              step="1"
              value={form.images.minWidth}
              onChange={(minWidth) => setImages({ minWidth })}
            />
            <NumberField
              slot="images.minHeight"
              label="Smallest height (px)"
              step="1"
              value={form.images.minHeight}
              onChange={(minHeight) => setImages({ minHeight })}
            />
            <NumberField
              slot="images.maxBytes"
              label="Largest file (bytes)"
              step="1"
              value={form.images.maxBytes}
              onChange={(maxBytes) => setImages({ maxBytes })}
            />
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-900">
            <input
              type="checkbox"
              checked={form.images.logoNeedsTransparency}
              onChange={(e) => setImages({ logoNeedsTransparency: e.target.checked })}
              className="h-4 w-4"
            />
            Logos need a transparent background
          </label>
          <FieldIssues slot="images.logoNeedsTransparency" />
          <LogoPicker
            brandId={brandId}
            candidates={candidates}
            value={form.logos}
            onChange={(v) => set("logos", v)}
          />
        </Section>

        <Section title="Scoring">
          <div className="grid gap-4 sm:grid-cols-2">
            <NumberField
              slot="threshold"
              label="Blocking threshold"
              help="Content scoring below this (0–100) is blocked."
              step="1"
              value={form.threshold}
              onChange={(v) => set("threshold", v)}
            />
            <NumberField
              slot="readingLevel.maxGrade"
              label="Highest reading grade"
              value={form.maxGrade}
              onChange={(v) => set("maxGrade", v)}
            />
          </div>
        </Section>

        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
          <div className="space-y-1.5">
            <Label htmlFor="kit-note">What changed</Label>
            <Input id="kit-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
          </div>
          <div aria-live="assertive">
            {error && (
              <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
                <p>
                  {error}
                  {placed.bySlot.size > 0 && " Each field at fault says why, above."}
                </p>
                {placed.unplaced.length > 0 && (
                  <ul className="mt-1 list-disc pl-5">
                    {placed.unplaced.map((i) => (
                      <li key={`${i.path}:${i.message}`}>
                        {i.path && <code>{i.path}</code>}
                        {i.path && ": "}
                        {i.message}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </div>
          <p className="text-sm text-slate-700">
            Saving makes a draft version. Checks keep using the published kit until you publish the draft on
            the Brand page.
          </p>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : "Save as draft version"}
          </Button>
        </div>
      </form>
    </IssuesContext.Provider>
  );
}
