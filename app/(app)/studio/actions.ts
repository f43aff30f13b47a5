"use server";

import { z } from "zod";
import { requireAttachableAssets } from "@/lib/brand/assets/require-attachable-assets";
import { editSlot, editSlotInput } from "@/lib/content/edit-slot";
import { editSlots, editSlotsInput } from "@/lib/content/edit-slots";
import { submitForReview, submitForReviewInput } from "@/lib/content/submit-for-review";
import { createGeneration, createGenerationInput } from "@/lib/generation/create-generation";
import { getGeneration } from "@/lib/generation/get-generation";
import { createBatch, createBatchInput } from "@/lib/generation/batch/create-batch";
import { getBatchProgress } from "@/lib/generation/batch/get-batch-progress";
import { resumeBatch, resumeBatchInput } from "@/lib/generation/batch/resume-batch";
import { revalidatePath } from "next/cache";
import { withSessionAction } from "../../_auth/with-session";

export const startGeneration = withSessionAction(createGenerationInput, async (session, input) => {
  // The Studio refuses a blocked asset up front (the form disables it too); the run checks again.
  await requireAttachableAssets(session, input.brandId, input.assetIds);
  const gen = await createGeneration(session, { ...input, autoSubmit: false });
  return { generationId: gen.id };
});

export const pollGeneration = withSessionAction(
  z.object({ brandId: z.string().uuid(), id: z.string().uuid() }),
  async (session, { brandId, id }) => {
    const gen = await getGeneration(session, brandId, id);
    return { status: gen.status, steps: gen.steps, outcome: gen.outcome, contentItemId: gen.contentItemId };
  },
);

export const saveSlot = withSessionAction(editSlotInput, async (session, input) => {
  const revision = await editSlot(session, input);
  revalidatePath(`/library/${input.contentItemId}`);
  return { revision: revision.number, score: revision.score };
});

/** The library item's one form: every field in one revision, checked once. */
export const saveSlots = withSessionAction(editSlotsInput, async (session, input) => {
  const revision = await editSlots(session, input);
  revalidatePath(`/library/${input.contentItemId}`);
  return { revision: revision.number, score: revision.score, blocked: revision.blocked };
});

export const submitContent = withSessionAction(submitForReviewInput, async (session, input) => {
  const result = await submitForReview(session, input);
  revalidatePath(`/library/${input.contentItemId}`);
  return result;
});

export const startBatch = withSessionAction(createBatchInput, async (session, input) => {
  const batch = await createBatch(session, input);
  return { batchId: batch.id };
});

export const pollBatch = withSessionAction(
  z.object({ brandId: z.string().uuid(), id: z.string().uuid() }),
  async (session, { brandId, id }) => {
    const p = await getBatchProgress(session, brandId, id);
    return { done: p.done, total: p.total, counts: p.counts, problems: p.problems };
  },
);

export const resume = withSessionAction(resumeBatchInput, (session, input) => resumeBatch(session, input));
