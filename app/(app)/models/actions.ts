"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addEvaluationBrief, addEvaluationBriefInput } from "@/lib/evaluation/add-evaluation-brief";
import { createModelFor, createModelForInput } from "@/lib/models/registry/create-model-for";
import { getVersionStatusFor } from "@/lib/rollout/get-version-status";
import { modelCallerOf } from "@/lib/models/registry/model-caller";
import { moveLabelFor, moveLabelForInput } from "@/lib/models/registry/move-label-for";
import { registerModelVersionFor } from "@/lib/models/registry/register-model-version";
import { connectionInput, registerVersionInput } from "@/lib/models/registry/register-version-input";
import { retireVersionFor } from "@/lib/models/registry/retire-version";
import { rollbackModelFor } from "@/lib/rollout/rollback-model";
import { getTrainingStatusFor } from "@/lib/personalisation/get-training-status-for";
import { queueTrainingFor } from "@/lib/personalisation/queue-training-for";
import { uploadOnnxInput, uploadOnnxVersionFor } from "@/lib/personalisation/upload-onnx-version-for";
import { testModelConnectionFor } from "@/lib/models/registry/test-model-connection";
import { withSessionAction } from "../../_auth/with-session";

/** lib/evaluation authorizes `models:manage` on the brand and writes the audit entry. */
export const addBrandEvaluationBrief = withSessionAction(addEvaluationBriefInput, async (session, input) => {
  const brief = await addEvaluationBrief(session, input);
  revalidatePath("/models");
  return { id: brief.id };
});

// Every action below builds a ModelCaller, which authorizes `models:write` on the brand in lib.
const brand = z.object({ brandId: z.uuid() });
const modelRef = brand.extend({ model: z.string().min(1).max(100) });

export const createModelAction = withSessionAction(
  createModelForInput.extend({ brandId: z.uuid() }),
  async (session, { brandId, ...input }) => {
    const model = await createModelFor(modelCallerOf(session, brandId), input);
    revalidatePath("/models");
    return { slug: model.slug };
  },
);

export const testConnectionAction = withSessionAction(
  connectionInput.extend({ brandId: z.uuid() }),
  async (session, { brandId, ...input }) => testModelConnectionFor(modelCallerOf(session, brandId), input),
);

export const registerVersionAction = withSessionAction(
  modelRef.extend({ input: registerVersionInput }),
  async (session, { brandId, model, input }) => {
    const done = await registerModelVersionFor(modelCallerOf(session, brandId), { model, input });
    revalidatePath("/models");
    return { model: done.model.slug, version: done.version.tag };
  },
);

/** An ONNX file (base64) as a personalisation version; lib checks it against the feature schema. */
export const uploadOnnxAction = withSessionAction(
  modelRef.extend({ input: uploadOnnxInput }),
  async (session, { brandId, model, input }) => {
    const done = await uploadOnnxVersionFor(modelCallerOf(session, brandId), { model, input });
    revalidatePath("/models");
    return { model: done.model.slug, version: done.version.tag, sha256: done.sha256 };
  },
);

/** What the version page polls while an evaluation runs. */
export const versionProgressAction = withSessionAction(
  modelRef.extend({ version: z.string().min(1).max(64) }),
  async (session, { brandId, model, version }) => {
    const status = await getVersionStatusFor(modelCallerOf(session, brandId), { model, version });
    return { state: status.state, progress: status.progress };
  },
);

export const moveLabelAction = withSessionAction(
  modelRef.extend({ input: moveLabelForInput }),
  async (session, { brandId, model, input }) => {
    const move = await moveLabelFor(modelCallerOf(session, brandId), { model, input });
    revalidatePath("/models");
    return move;
  },
);

export const retireVersionAction = withSessionAction(
  modelRef.extend({ version: z.string().min(1).max(64), reason: z.string() }),
  async (session, { brandId, ...rest }) => {
    const done = await retireVersionFor(modelCallerOf(session, brandId), rest);
    revalidatePath("/models");
    return done;
  },
);

export const rollbackAction = withSessionAction(
  modelRef.extend({ reason: z.string().optional() }),
  async (session, { brandId, model, reason }) => {
    const done = await rollbackModelFor(modelCallerOf(session, brandId), { model, reason });
    revalidatePath("/models");
    return done;
  },
);

export const trainNowAction = withSessionAction(modelRef, async (session, { brandId, model }) => {
  const queued = await queueTrainingFor(modelCallerOf(session, brandId), { model });
  revalidatePath("/models");
  return { jobId: queued.jobId };
});

/** What the "Train now" button polls while its run is queued or running. */
export const trainingStatusAction = withSessionAction(
  modelRef.extend({ jobId: z.uuid() }),
  async (session, { brandId, model, jobId }) => {
    const status = await getTrainingStatusFor(modelCallerOf(session, brandId), { model, jobId });
    return { state: status.state, version: status.version?.tag ?? null, error: status.error };
  },
);
