import { diffLines } from "diff";
import { canonicalJson } from "@/lib/canonical-json";

export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

/** A line diff between two kit versions' content, for the history view. */
export function diffKitVersions(from: unknown, to: unknown): DiffLine[] {
  return diffLines(canonicalJson(from, 2), canonicalJson(to, 2)).flatMap((part) =>
    part.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({
        kind: part.added ? ("added" as const) : part.removed ? ("removed" as const) : ("same" as const),
        text,
      })),
  );
}
