"use client";

import type { LogoCandidate } from "@/lib/brand/kits/kit-logos";
import { FieldIssues } from "./kit-fields";

/**
 * The kit's logos, picked from the brand's uploaded logos rather than typed as ids. One that
 * failed the logo checks is shown with why and cannot be picked (it can still be unpicked).
 */
export function LogoPicker({
  brandId,
  candidates,
  value: logos,
  onChange,
}: {
  brandId: string;
  candidates: LogoCandidate[];
  value: string[];
  onChange: (logos: string[]) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">Logos</legend>
      <p id="logos-help" className="text-sm text-slate-700">
        Templates show the first logo picked; with none, they show the brand name as text. Upload logos on the
        Assets page with role &ldquo;logo&rdquo;.
      </p>
      {candidates.length === 0 ? (
        <p className="text-sm text-slate-700">This brand has no uploaded logos yet.</p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2">
          {candidates.map((c) => {
            const picked = logos.includes(c.assetId);
            const inputId = `logo-${c.assetId}`;
            return (
              <li
                key={c.assetId}
                className="flex items-center gap-3 rounded-md border border-slate-300 bg-white p-2"
              >
                <input
                  id={inputId}
                  type="checkbox"
                  checked={picked}
                  disabled={c.refusal !== null && !picked}
                  aria-describedby={c.refusal ? `${inputId}-why` : "logos-help"}
                  onChange={(e) =>
                    onChange(
                      e.target.checked ? [...logos, c.assetId] : logos.filter((id) => id !== c.assetId),
                    )
                  }
                  className="h-4 w-4"
                />
                {/* eslint-disable-next-line @next/next/no-img-element -- a private, session-authorised asset route */}
                <img
                  src={`/api/assets/${c.assetId}/image?brandId=${brandId}`}
                  alt=""
                  className="h-10 w-16 shrink-0 rounded bg-[repeating-conic-gradient(#e2e8f0_0_25%,#fff_0_50%)] bg-[length:12px_12px] object-contain"
                />
                <span className="min-w-0 text-sm">
                  <label htmlFor={inputId} className="block break-words font-medium text-slate-900">
                    {c.name}
                    {picked && logos[0] === c.assetId ? " (shown in templates)" : ""}
                  </label>
                  {c.refusal && (
                    <span id={`${inputId}-why`} className="block text-red-800">
                      {c.refusal}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <FieldIssues slot="logos" />
    </fieldset>
  );
}
