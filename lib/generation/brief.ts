import type { Brief } from "@/db/schema/json/brief";

// The schema lives in db (the generations.brief column is typed by it).
export * from "@/db/schema/json/brief";

/** All the brief's words, for the input checks. */
export function briefText(brief: Brief): string {
  return [brief.summary, ...Object.values(brief.slots)].filter(Boolean).join("\n");
}
