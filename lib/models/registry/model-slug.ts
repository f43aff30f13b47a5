import { z } from "zod";

/** A model's id outside Brandgate (REST paths, the OpenAI `model` field): lowercase, no spaces. */
export const modelSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "must be lowercase letters, digits, dots, dashes or underscores");

/** The slug a name gives when none is chosen; the same rule the 0015 migration backfilled with. */
export function slugFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/^[._-]+/, "");
  return slug || "model";
}
