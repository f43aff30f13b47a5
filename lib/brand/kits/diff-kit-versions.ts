import { diffLines } from "diff";

export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

/** Stable, sorted-key JSON so a diff shows changes in meaning, not in key order. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value), null, 2);
}

/** A line diff between two kit versions' content, for the history view. */
export function diffKitVersions(from: unknown, to: unknown): DiffLine[] {
  return diffLines(canonical(from), canonical(to)).flatMap((part) =>
    part.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({
        kind: part.added ? ("added" as const) : part.removed ? ("removed" as const) : ("same" as const),
        text,
      })),
  );
}
