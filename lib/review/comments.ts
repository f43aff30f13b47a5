import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { contentItems, contentRevisions, reviewComments, users } from "@/db/schema";
import { authorize, requireUser } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";

export const addCommentInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  revisionId: z.string().uuid(),
  parentId: z.string().uuid().optional(),
  body: z.string({ error: "Write a comment" }).trim().min(1, "Write a comment").max(4000),
});

/** A comment on one revision, or a reply to one; authors and reviewers both take part. */
export async function addComment(principal: Principal | null, raw: z.input<typeof addCommentInput>) {
  const input = parseOrThrow(addCommentInput, raw);
  authorize(principal, "library:view", input.brandId);
  const { user } = requireUser(principal);
  const [revision] = await db()
    .select({ id: contentRevisions.id })
    .from(contentRevisions)
    .innerJoin(contentItems, eq(contentItems.id, contentRevisions.contentItemId))
    .where(
      and(
        eq(contentRevisions.id, input.revisionId),
        eq(contentItems.id, input.contentItemId),
        eq(contentItems.brandId, input.brandId),
      ),
    );
  if (!revision) throw new AppError("not_found", "No such revision of this content");
  if (input.parentId) {
    const [parent] = await db()
      .select({ revisionId: reviewComments.revisionId })
      .from(reviewComments)
      .where(eq(reviewComments.id, input.parentId));
    if (parent?.revisionId !== input.revisionId)
      throw new AppError("validation_failed", "A reply must answer a comment on the same revision", [
        { path: "parentId", message: "not a comment on this revision" },
      ]);
  }
  const [row] = await db()
    .insert(reviewComments)
    .values({
      contentItemId: input.contentItemId,
      revisionId: input.revisionId,
      parentId: input.parentId ?? null,
      authorId: user.id,
      body: input.body,
    })
    .returning();
  return row!;
}

export interface CommentNode {
  id: string;
  revisionId: string;
  body: string;
  author: string;
  createdAt: Date;
  replies: CommentNode[];
}

/** Every comment on an item, threaded, grouped by revision id. Callers have authorized the item. */
export async function listComments(contentItemId: string): Promise<Map<string, CommentNode[]>> {
  const rows = await db()
    .select({
      id: reviewComments.id,
      revisionId: reviewComments.revisionId,
      parentId: reviewComments.parentId,
      body: reviewComments.body,
      author: users.email,
      createdAt: reviewComments.createdAt,
    })
    .from(reviewComments)
    .leftJoin(users, eq(users.id, reviewComments.authorId))
    .where(eq(reviewComments.contentItemId, contentItemId))
    .orderBy(asc(reviewComments.createdAt));
  const nodes = new Map<string, CommentNode>();
  const byRevision = new Map<string, CommentNode[]>();
  for (const r of rows)
    nodes.set(r.id, {
      id: r.id,
      revisionId: r.revisionId,
      body: r.body,
      author: r.author ?? "a former member",
      createdAt: r.createdAt,
      replies: [],
    });
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else byRevision.set(r.revisionId, [...(byRevision.get(r.revisionId) ?? []), node]);
  }
  return byRevision;
}
