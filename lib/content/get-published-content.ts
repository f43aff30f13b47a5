import { and, asc, eq, gt, or, type SQL } from "drizzle-orm";
import { contentItems, contentRevisions } from "@/db/schema";
import { db } from "@/lib/db";

/**
 * The only way content leaves Brandgate: approved (published) items, with the revision that
 * was approved. Drafts, items in review, rejected and retired items are never returned.
 * Callers authorize the brand first.
 */
const published = (brandId: string): SQL =>
  and(eq(contentItems.brandId, brandId), eq(contentItems.status, "approved"))!;

const columns = {
  id: contentItems.id,
  title: contentItems.title,
  channel: contentItems.channel,
  templateId: contentItems.templateId,
  publishedAt: contentItems.publishedAt,
  updatedAt: contentItems.updatedAt,
  revisionId: contentRevisions.id,
  revisionNumber: contentRevisions.number,
  contentHash: contentRevisions.contentHash,
  slots: contentRevisions.slots,
  rendered: contentRevisions.rendered,
};

export async function getPublishedContent(brandId: string, id: string) {
  const [row] = await db()
    .select(columns)
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(published(brandId), eq(contentItems.id, id)));
  return row ?? null;
}

export interface PublishedQuery {
  channel?: string;
  templateId?: string;
  updatedSince?: Date;
  /** Keyset cursor: the (updatedAt, id) of the last row of the previous page. */
  after?: { updatedAt: Date; id: string };
  limit?: number;
}

/** Published content, oldest change first, so `updated_since` polling never skips a row. */
export async function listPublishedContent(brandId: string, q: PublishedQuery = {}) {
  const where: SQL[] = [published(brandId)];
  if (q.channel) where.push(eq(contentItems.channel, q.channel));
  if (q.templateId) where.push(eq(contentItems.templateId, q.templateId));
  if (q.updatedSince) where.push(gt(contentItems.updatedAt, q.updatedSince));
  if (q.after)
    where.push(
      or(
        gt(contentItems.updatedAt, q.after.updatedAt),
        and(eq(contentItems.updatedAt, q.after.updatedAt), gt(contentItems.id, q.after.id)),
      )!,
    );
  return db()
    .select(columns)
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(...where))
    .orderBy(asc(contentItems.updatedAt), asc(contentItems.id))
    .limit(Math.min(q.limit ?? 50, 200));
}
