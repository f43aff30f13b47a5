import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
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
  /**
   * `updatedAt` at full (microsecond) precision: a JS Date keeps milliseconds, and a keyset
   * cursor built from one would repeat rows whose timestamps fall inside that millisecond.
   */
  updatedAtExact: sql<string>`${contentItems.updatedAt}::text`,
  revisionId: contentRevisions.id,
  revisionNumber: contentRevisions.number,
  contentHash: contentRevisions.contentHash,
  kitVersionId: contentRevisions.kitVersionId,
  templateVersionId: contentRevisions.templateVersionId,
  modelVersionId: contentRevisions.modelVersionId,
  workflowDefinitionId: contentItems.workflowDefinitionId,
  slots: contentRevisions.slots,
  rendered: contentRevisions.rendered,
};

export type PublishedContent = NonNullable<Awaited<ReturnType<typeof getPublishedContent>>>;

export async function getPublishedContent(brandId: string, id: string) {
  const [row] = await db()
    .select(columns)
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(published(brandId), eq(contentItems.id, id)));
  return row ?? null;
}

/** Those of `ids` that are approved now, in no particular order (placements' variants). */
export async function getPublishedContentByIds(brandId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db()
    .select(columns)
    .from(contentItems)
    .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
    .where(and(published(brandId), inArray(contentItems.id, [...ids])));
}

export interface PublishedQuery {
  channel?: string;
  templateId?: string;
  updatedSince?: Date;
  /** Keyset cursor: the exact (updatedAt, id) of the last row of the previous page. */
  after?: { updatedAt: string; id: string };
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
      sql`(${contentItems.updatedAt}, ${contentItems.id}) > (${q.after.updatedAt}::timestamptz, ${q.after.id}::uuid)`,
    );
  return (
    db()
      .select(columns)
      .from(contentItems)
      .innerJoin(contentRevisions, eq(contentRevisions.id, contentItems.currentRevisionId))
      .where(and(...where))
      .orderBy(asc(contentItems.updatedAt), asc(contentItems.id))
      // A page is at most 200; one more row tells the caller whether another page follows.
      .limit(Math.min(q.limit ?? 50, 201))
  );
}
