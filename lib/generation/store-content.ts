import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { apiKeys, contentItems, contentRevisions, generations } from "@/db/schema";
import type { Executor } from "@/db/client";
import type { ActorRecord } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { getSender } from "@/lib/jobs/send-job";
import { generationsFinished } from "@/lib/metrics/content";
import { appendAudit, type AuditInput } from "@/lib/audit/append-audit";
import { AppError } from "@/lib/errors";
import { enterReview } from "@/lib/review/enter-review";
import type { SlotChecks } from "./check-slots";
import { contentHash } from "./content-hash";
import { currentTraceparent } from "@/lib/tracing/trace-context";

export interface StoreContentInput {
  generationId: string;
  brandId: string;
  templateId: string;
  channel: string;
  title: string;
  createdBy: string | null;
  /** The API key that asked for the generation, when no user did. */
  apiKeyId: string | null;
  templateVersionId: string;
  kitVersionId: string;
  modelVersionId: string;
  checks: SlotChecks;
  rendered: { html?: string; text?: string };
  submit: boolean;
}

/**
 * Stores the content item with its first revision, submits it to review when asked, and finishes the
 * generation, all in one transaction guarded by the generation still running: a retried
 * job that already finished stores nothing a second time. Ids are chosen here so each row is
 * written once, and the audit entries go last: the audit head, which every audited change
 * waits for, stays locked from the first append to the commit.
 */
export async function storeContent(
  input: StoreContentInput,
): Promise<{ contentItemId: string; revisionId: string; submitted: boolean; note?: string } | null> {
  const itemId = randomUUID();
  const revisionId = randomUUID();
  if (input.submit) await getSender(); // submitting queues the reviewers' email jobs in the transaction
  const stored = await db().transaction(async (tx) => {
    const [claimed] = await tx
      .update(generations)
      .set({ status: "succeeded", contentItemId: itemId, updatedAt: sql`now()` })
      .where(and(eq(generations.id, input.generationId), eq(generations.status, "running")))
      .returning({ id: generations.id });
    if (!claimed) return null;
    const [item] = await tx
      .insert(contentItems)
      .values({
        id: itemId,
        brandId: input.brandId,
        templateId: input.templateId,
        channel: input.channel,
        title: input.title,
        status: "draft",
        currentRevisionId: revisionId,
        createdBy: input.createdBy,
      })
      .returning();
    const [revision] = await tx
      .insert(contentRevisions)
      .values({
        id: revisionId,
        contentItemId: itemId,
        number: 1,
        slots: input.checks.slots,
        rendered: input.rendered,
        kitVersionId: input.kitVersionId,
        templateVersionId: input.templateVersionId,
        modelVersionId: input.modelVersionId,
        personalisationVersionId: null,
        generationId: input.generationId,
        traceparent: currentTraceparent(),
        checkResults: input.checks.perSlot,
        score: input.checks.score,
        blocked: input.checks.blocked,
        legalReview: input.checks.legalReview,
        contentHash: contentHash({
          slots: input.checks.slots,
          rendered: input.rendered,
          kitVersionId: input.kitVersionId,
          templateVersionId: input.templateVersionId,
          modelVersionId: input.modelVersionId,
        }),
        createdBy: input.createdBy,
      })
      .returning();
    const actor = await actorOf(tx, input);
    const created: AuditInput = {
      brandId: input.brandId,
      actor,
      action: "content.created",
      target: { type: "content", id: itemId },
      data: {
        generationId: input.generationId,
        revisionId,
        contentHash: revision!.contentHash,
        modelVersionId: input.modelVersionId,
        templateVersionId: input.templateVersionId,
        kitVersionId: input.kitVersionId,
      },
    };
    const stored = { contentItemId: itemId, revisionId };
    if (!input.submit) {
      await appendAudit(tx, created);
      return { ...stored, submitted: false };
    }
    try {
      // enterReview refuses before it writes anything, so a refusal leaves a consistent draft.
      await enterReview(tx, {
        item: item!,
        revision: revision!,
        actor,
        userId: input.createdBy,
        precedingAudit: [created],
      });
      return { ...stored, submitted: true };
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await appendAudit(tx, created);
      return { ...stored, submitted: false, note: err.message };
    }
  });
  if (stored) generationsFinished.inc({ outcome: "succeeded" });
  return stored;
}

/** Who made the content: its user, else the API key that asked for it, else the system. */
async function actorOf(
  tx: Executor,
  input: Pick<StoreContentInput, "createdBy" | "apiKeyId">,
): Promise<ActorRecord> {
  if (input.createdBy) return { kind: "user", id: input.createdBy };
  if (input.apiKeyId) {
    const [key] = await tx
      .select({ prefix: apiKeys.prefix })
      .from(apiKeys)
      .where(eq(apiKeys.id, input.apiKeyId));
    if (key) return { kind: "api_key", id: input.apiKeyId, prefix: key.prefix };
  }
  return { kind: "system", reason: "generation" };
}
