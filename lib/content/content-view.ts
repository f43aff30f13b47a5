import { z } from "zod";
import { db } from "@/lib/db";
import { contentLineageSchema, loadContentLineage, type ContentLineage } from "@/lib/review/content-lineage";
import type { PublishedContent } from "./get-published-content";

/** What the governed API says about one piece of approved content. */
export const contentViewSchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  channel: z.string(),
  template_id: z.string().uuid(),
  revision: z.object({
    id: z.string().uuid(),
    number: z.number().int(),
    /** SHA-256 of the approved revision; also the ETag. */
    content_hash: z.string(),
  }),
  slots: z.record(z.string(), z.unknown()),
  rendered: z.object({ html: z.string().optional(), text: z.string().optional() }),
  published_at: z.string().nullable(),
  updated_at: z.string(),
  lineage: contentLineageSchema,
});
export type ContentView = z.infer<typeof contentViewSchema>;

export function toContentView(row: PublishedContent, lineage: ContentLineage): ContentView {
  const rendered = row.rendered ?? {};
  return {
    id: row.id,
    title: row.title,
    channel: row.channel,
    template_id: row.templateId,
    revision: { id: row.revisionId, number: row.revisionNumber, content_hash: row.contentHash },
    slots: row.slots ?? {},
    rendered: {
      ...(typeof rendered.html === "string" ? { html: rendered.html } : {}),
      ...(typeof rendered.text === "string" ? { text: rendered.text } : {}),
    },
    published_at: row.publishedAt?.toISOString() ?? null,
    updated_at: row.updatedAt.toISOString(),
    lineage,
  };
}

/** Rows with their lineage, in one batch of queries whatever their number. */
export async function withLineage(rows: readonly PublishedContent[]): Promise<ContentView[]> {
  const lineage = await loadContentLineage(db(), rows);
  return rows.map((r) => toContentView(r, lineage.get(r.revisionId)!));
}

/** A strong validator: the approved revision's hash changes whenever what it says does. */
export function contentEtag(contentHash: string): string {
  return `"${contentHash}"`;
}

/**
 * `If-None-Match` per RFC 9110 §13.1.2: `*` or a list of tags, compared weakly (a `W/` tag
 * matches its strong twin).
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .includes(etag);
}
