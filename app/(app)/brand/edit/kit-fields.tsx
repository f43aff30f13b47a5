"use client";

import { createContext, useContext, type ReactNode } from "react";
import { splitLines } from "@/lib/brand/kits/kit-form";
import { Input, Label, Select } from "../../../_components/ui";
import type { Issue } from "./place-issues";

/** The server's issues by the kit path of the field that shows them (see placeIssues). */
export const IssuesContext = createContext<Map<string, Issue[]>>(new Map());

export const fieldId = (slot: string) => `kit-${slot.replace(/\./g, "-")}`;

/** Zod's wording for a number or a blank where one was needed, said as the fix. */
function friendly(message: string): string {
  if (/expected number/.test(message)) return "Enter a number";
  if (/expected string to have >=1 characters/.test(message)) return "Fill this in";
  return message;
}

/** The ARIA wiring and the messages of one field's issues. */
export function useFieldIssues(slot: string) {
  const issues = useContext(IssuesContext).get(slot) ?? [];
  const errorId = `${fieldId(slot)}-error`;
  return {
    issues,
    aria: issues.length > 0 ? { "aria-invalid": true, "aria-describedby": errorId } : {},
    errorId,
  };
}

/**
 * The messages under a field. For a list typed one per line, an issue's path ends in the
 * entry's index among the non-blank lines: the entry itself is quoted, which finds it faster
 * than a line number would.
 */
export function FieldIssues({ slot, entries }: { slot: string; entries?: string }) {
  const { issues, errorId } = useFieldIssues(slot);
  if (issues.length === 0) return null;
  const list = entries === undefined ? [] : splitLines(entries);
  return (
    <ul id={errorId} className="mt-1 space-y-0.5 text-sm text-red-800">
      {issues.map((issue) => {
        const index = Number(issue.path.slice(slot.length + 1).split(".")[0]);
        const entry = issue.path !== slot && Number.isInteger(index) ? list[index] : undefined;
        return (
          <li key={`${issue.path}:${issue.message}`}>
            {entry !== undefined && <>&ldquo;{entry}&rdquo;: </>}
            {friendly(issue.message)}
          </li>
        );
      })}
    </ul>
  );
}

export function Section({ title, children, help }: { title: string; help?: ReactNode; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section
      aria-labelledby={id}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {help && <p className="mt-1 text-sm text-slate-700">{help}</p>}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

/** Free text over several lines (the voice description). */
export function TextAreaField({
  slot,
  label,
  value,
  onChange,
  rows = 4,
}: {
  slot: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}) {
  const { aria } = useFieldIssues(slot);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={fieldId(slot)}>{label}</Label>
      <textarea
        id={fieldId(slot)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        {...aria}
        className={TEXTAREA}
      />
      <FieldIssues slot={slot} />
    </div>
  );
}

/** One choice from a closed list. */
export function SelectField({
  slot,
  label,
  options,
  value,
  onChange,
}: {
  slot: string;
  label: string;
  options: readonly string[];
  value: string;
  onChange: (value: string) => void;
}) {
  const { aria } = useFieldIssues(slot);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={fieldId(slot)}>{label}</Label>
      <Select
        id={fieldId(slot)}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
        className="block"
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </Select>
      <FieldIssues slot={slot} />
    </div>
  );
}

const TEXTAREA =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 aria-[invalid=true]:border-red-700";

/** A word list typed one entry per line. */
export function ListField({
  slot,
  label,
  help,
  value,
  onChange,
  rows,
}: {
  slot: string;
  label: string;
  help?: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}) {
  const { aria } = useFieldIssues(slot);
  const id = fieldId(slot);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      <p id={`${id}-help`} className="text-xs text-slate-700">
        {help ?? "One per line."}
      </p>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        // Tall enough to show the whole list and a line to add to, up to a point.
        rows={rows ?? Math.min(10, Math.max(3, value.split("\n").length + 1))}
        spellCheck={false}
        aria-describedby={[`${id}-help`, aria["aria-describedby"]].filter(Boolean).join(" ")}
        aria-invalid={aria["aria-invalid"]}
        className={TEXTAREA}
      />
      <FieldIssues slot={slot} entries={value} />
    </div>
  );
}

/** A number kept as typed; the server says when it is out of range. */
export function NumberField({
  slot,
  label,
  value,
  onChange,
  step = "any",
  help,
}: {
  slot: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  step?: string;
  help?: string;
}) {
  const { aria } = useFieldIssues(slot);
  const id = fieldId(slot);
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>{label}</Label>
      {help && (
        <p id={`${id}-help`} className="text-xs text-slate-700">
          {help}
        </p>
      )}
      <Input
        id={id}
        type="number"
        step={step}
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={aria["aria-invalid"]}
        aria-describedby={
          [help ? `${id}-help` : "", aria["aria-describedby"]].filter(Boolean).join(" ") || undefined
        }
        className="max-w-40"
      />
      <FieldIssues slot={slot} />
    </div>
  );
}

/** A set picked from a closed list (claim kinds, image formats). */
export function CheckboxSet<T extends string>({
  slot,
  legend,
  options,
  value,
  onChange,
}: {
  slot: string;
  legend: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (value: T[]) => void;
}) {
  const { aria } = useFieldIssues(slot);
  const id = fieldId(slot);
  return (
    <fieldset aria-describedby={aria["aria-describedby"]}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1.5 flex flex-wrap gap-x-4 gap-y-2">
        {options.map((option) => (
          <label key={option} className="inline-flex items-center gap-1.5 text-sm text-slate-900">
            <input
              type="checkbox"
              id={`${id}-${option}`}
              checked={value.includes(option)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))
              }
              className="h-4 w-4"
            />
            {option}
          </label>
        ))}
      </div>
      <FieldIssues slot={slot} />
    </fieldset>
  );
}
