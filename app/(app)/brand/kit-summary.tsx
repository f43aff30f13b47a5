import type { ReactNode } from "react";
import { brandKitSchema, CHANNELS, type BrandKit } from "@/lib/brand/kit";

/** The published kit read as a person would say it, field by field. */
export function KitSummary({ content, brandId }: { content: unknown; brandId: string }) {
  const parsed = brandKitSchema.safeParse(content);
  if (!parsed.success)
    return (
      <p className="text-sm text-red-900">
        This version no longer matches the kit schema: open the editor to fix it.
      </p>
    );
  const kit = parsed.data;
  const style = kit.voice.style;
  return (
    <dl className="grid gap-x-6 gap-y-4 text-sm md:grid-cols-2">
      <Item term="Voice" wide>
        <p>{kit.voice.description || "—"}</p>
        <p className="mt-1 text-slate-700">
          Tone: {list(kit.voice.tone)}. {capitalise(style.formality)} formality, sentences up to{" "}
          {style.maxSentenceWords} words, at most {Math.round(style.maxExclamationShare * 100)}% ending in
          &ldquo;!&rdquo;.
          {style.avoidWords.length > 0 && <> Avoids: {list(style.avoidWords)}.</>}
        </p>
      </Item>
      <Item term="Palette" wide>
        <ul aria-label="Palette colours" className="flex flex-wrap gap-x-4 gap-y-2">
          {kit.palette.colours.map((c) => (
            <li key={`${c.hex}-${c.name}`} className="flex items-center gap-2">
              <span
                aria-hidden
                className="inline-block h-7 w-7 shrink-0 rounded border border-slate-300"
                style={{ backgroundColor: c.hex }}
              />
              <span>
                <span className="font-medium text-slate-900">{c.name}</span>{" "}
                <span className="font-mono text-xs text-slate-700">{c.hex}</span>
              </span>
            </li>
          ))}
        </ul>
        <p className="mt-1 text-slate-700">
          Images may differ from a palette colour by up to {kit.palette.tolerance} (CIEDE2000).
        </p>
      </Item>
      <Item term="Terminology">
        {kit.terminology.length === 0 ? (
          "none"
        ) : (
          <ul className="space-y-0.5">
            {kit.terminology.map((t) => (
              <li key={`${t.deprecated}-${t.preferred}`}>
                Use <strong className="font-medium text-slate-900">{t.preferred}</strong>, not{" "}
                <span className="text-slate-700">{t.deprecated}</span>
              </li>
            ))}
          </ul>
        )}
      </Item>
      <Item term="Banned terms">
        {kit.bannedTerms.length === 0 ? (
          "none"
        ) : (
          <ul className="space-y-0.5">
            {kit.bannedTerms.map((b) => (
              <li key={b.term}>
                <span className="font-medium text-slate-900">{b.term}</span>{" "}
                <span className="text-slate-700">— {b.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </Item>
      <Item term="Competitors">{list(kit.competitors)}</Item>
      <Item term="Trademarks">{list(kit.trademarks)}</Item>
      <Item term="Disclaimers and length limits" wide>
        <ul className="space-y-1">
          {CHANNELS.map((c) => (
            <li key={c}>
              <span className="font-medium text-slate-900">{capitalise(c)}</span>
              {kit.lengthLimits[c] !== undefined && (
                <span className="text-slate-700">
                  {" "}
                  (up to {kit.lengthLimits[c].toLocaleString("en")} characters)
                </span>
              )}
              :{" "}
              {kit.disclaimers[c]?.length
                ? kit.disclaimers[c].map((d) => `“${d}”`).join(" ")
                : "no disclaimer"}
            </li>
          ))}
        </ul>
      </Item>
      <Item term="Claims">
        Kinds: {list(kit.claims.kinds)}. Phrases: {list(kit.claims.phrases)}.
      </Item>
      <Item term="Allowed link domains">{list(kit.allowedLinkDomains)}</Item>
      <Item term="Public contacts">{list(kit.publicContacts)}</Item>
      <Item term="Scoring">
        Content scoring below {kit.threshold} is blocked; reading grade up to {kit.readingLevel.maxGrade}.
      </Item>
      <Item term="Images">{images(kit.images)}</Item>
      <Item term="Logos">
        {kit.logos.length === 0 ? (
          "none: templates show the brand name as text"
        ) : (
          <span className="flex flex-wrap gap-2">
            {kit.logos.map((logo, i) => (
              // eslint-disable-next-line @next/next/no-img-element -- a private, session-authorised asset route
              <img
                key={logo.assetId}
                src={`/api/assets/${logo.assetId}/image?brandId=${brandId}`}
                alt={i === 0 ? "Logo shown in templates" : `Logo ${i + 1}`}
                className="h-10 w-auto max-w-40 rounded border border-slate-200 object-contain"
              />
            ))}
          </span>
        )}
      </Item>
    </dl>
  );
}

function Item({ term, wide, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "md:col-span-2" : undefined}>
      <dt className="font-medium text-slate-900">{term}</dt>
      <dd className="mt-0.5 break-words text-slate-800">{children}</dd>
    </div>
  );
}

const list = (items: readonly string[]) => (items.length === 0 ? "none" : items.join(", "));
const capitalise = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

function images(i: BrandKit["images"]): string {
  const mb = i.maxBytes / (1024 * 1024);
  return (
    `${i.allowedFormats.join(", ")}; at least ${i.minWidth}×${i.minHeight} px, at most ` +
    `${mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.round(i.maxBytes / 1024)} KB`}` +
    `${i.logoNeedsTransparency ? "; logos need a transparent background" : ""}.`
  );
}
