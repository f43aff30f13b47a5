import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/canonical-json";

/** SHA-256 over canonical JSON of what a revision says and what it was made from. */
export function contentHash(parts: {
  slots: unknown;
  rendered: unknown;
  kitVersionId: string;
  templateVersionId: string;
  modelVersionId: string | null;
}): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}
