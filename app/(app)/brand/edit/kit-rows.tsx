"use client";

import { Button, Input } from "../../../_components/ui";
import { FieldIssues, fieldId, useFieldIssues } from "./kit-fields";

type Rows<T> = { rows: T[]; onChange: (rows: T[]) => void };

const update = <T,>(rows: T[], i: number, patch: Partial<T>) =>
  rows.map((row, j) => (j === i ? { ...row, ...patch } : row));

/** One text input of a row, named for screen readers by its row ("Colour 2 name"). */
function RowInput({
  slot,
  label,
  value,
  onChange,
  className,
}: {
  slot: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
}) {
  const { aria } = useFieldIssues(slot);
  return (
    <div className={className}>
      <Input
        id={fieldId(slot)}
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
      <FieldIssues slot={slot} />
    </div>
  );
}

function RemoveButton({ what, onClick }: { what: string; onClick: () => void }) {
  return (
    <Button type="button" variant="ghost" onClick={onClick} className="shrink-0 px-2 py-1.5">
      Remove<span className="sr-only"> {what}</span>
    </Button>
  );
}

/** On a phone a row wraps over several lines: the frame shows which fields belong together. */
const ROW =
  "flex flex-wrap items-start gap-2 rounded-md border border-slate-200 p-2 sm:border-transparent sm:p-0";

const HEX = /^#[0-9a-f]{6}$/i;

/** The palette as swatches: the native colour picker and the hex text edit the same value. */
export function PaletteRows({ rows, onChange }: Rows<{ name: string; hex: string }>) {
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {rows.map((colour, i) => {
          const n = i + 1;
          const slot = `palette.colours.${i}`;
          return (
            <li key={i} className="flex flex-wrap items-start gap-2 rounded-md border border-slate-200 p-2">
              <input
                type="color"
                id={`${fieldId(`${slot}.hex`)}-picker`}
                aria-label={`Colour ${n} picker`}
                // The picker only holds #rrggbb: while the hex text is mid-edit it shows the last whole colour.
                value={HEX.test(colour.hex.trim()) ? colour.hex.trim().toLowerCase() : "#000000"}
                onChange={(e) => onChange(update(rows, i, { hex: e.target.value }))}
                className="h-10 w-12 shrink-0 cursor-pointer rounded border border-slate-400 bg-white p-0.5"
              />
              <RowInput
                slot={`${slot}.name`}
                label={`Colour ${n} name`}
                value={colour.name}
                onChange={(name) => onChange(update(rows, i, { name }))}
                className="min-w-0 flex-1 basis-32"
              />
              <RowInput
                slot={`${slot}.hex`}
                label={`Colour ${n} hex`}
                value={colour.hex}
                onChange={(hex) => onChange(update(rows, i, { hex }))}
                className="w-28 shrink-0"
              />
              <RemoveButton what={`colour ${n}`} onClick={() => onChange(rows.filter((_, j) => j !== i))} />
              <FieldIssues slot={slot} />
            </li>
          );
        })}
      </ul>
      <Button
        type="button"
        variant="secondary"
        onClick={() => onChange([...rows, { name: "", hex: "#777777" }])}
      >
        Add colour
      </Button>
      <FieldIssues slot="palette.colours" />
    </div>
  );
}

/**
 * Terminology reads the way the check applies it: use the preferred term instead of the
 * deprecated one (the kit stores `{ deprecated, preferred }`).
 */
export function TerminologyRows({ rows, onChange }: Rows<{ preferred: string; deprecated: string }>) {
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {rows.map((rule, i) => {
          const n = i + 1;
          const slot = `terminology.${i}`;
          return (
            <li key={i} className={`${ROW} text-sm text-slate-800`}>
              <span className="py-2">Use</span>
              <RowInput
                slot={`${slot}.preferred`}
                label={`Rule ${n}: use`}
                value={rule.preferred}
                onChange={(preferred) => onChange(update(rows, i, { preferred }))}
                className="min-w-0 flex-1 basis-28"
              />
              <span className="py-2">instead of</span>
              <RowInput
                slot={`${slot}.deprecated`}
                label={`Rule ${n}: instead of`}
                value={rule.deprecated}
                onChange={(deprecated) => onChange(update(rows, i, { deprecated }))}
                className="min-w-0 flex-1 basis-28"
              />
              <RemoveButton what={`rule ${n}`} onClick={() => onChange(rows.filter((_, j) => j !== i))} />
              <FieldIssues slot={slot} />
            </li>
          );
        })}
      </ul>
      <Button
        type="button"
        variant="secondary"
        onClick={() => onChange([...rows, { preferred: "", deprecated: "" }])}
      >
        Add terminology rule
      </Button>
      <FieldIssues slot="terminology" />
    </div>
  );
}

/** Banned terms, each with the reason the check shows when it finds one. */
export function BannedTermRows({ rows, onChange }: Rows<{ term: string; reason: string }>) {
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {rows.map((banned, i) => {
          const n = i + 1;
          const slot = `bannedTerms.${i}`;
          return (
            <li key={i} className={ROW}>
              <RowInput
                slot={`${slot}.term`}
                label={`Banned term ${n}`}
                value={banned.term}
                onChange={(term) => onChange(update(rows, i, { term }))}
                className="min-w-0 flex-1 basis-32"
              />
              <RowInput
                slot={`${slot}.reason`}
                label={`Banned term ${n}: reason`}
                value={banned.reason}
                onChange={(reason) => onChange(update(rows, i, { reason }))}
                className="min-w-0 flex-[2] basis-48"
              />
              <RemoveButton
                what={`banned term ${n}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              />
              <FieldIssues slot={slot} />
            </li>
          );
        })}
      </ul>
      <Button type="button" variant="secondary" onClick={() => onChange([...rows, { term: "", reason: "" }])}>
        Add banned term
      </Button>
      <FieldIssues slot="bannedTerms" />
    </div>
  );
}
