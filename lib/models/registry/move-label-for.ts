import { z } from "zod";
import { modelLabelEnum } from "@/db/schema";
import { parseOrThrow } from "@/lib/errors";
import { findModel, findVersion } from "./find-model";
import { moveLabel, type LabelMove } from "./move-label";
import type { ModelCaller } from "./model-caller";

export const moveLabelForInput = z.object({
  label: z.enum(modelLabelEnum.enumValues),
  /** The version's tag (its number unless it was named). */
  version: z.string().min(1).max(64),
  reason: z.string().trim().min(1, "say why").max(1000),
});

/**
 * A label moved by hand (an admin or a `models:write` key), with the reason: recorded in
 * model_label_moves and the audit log by moveLabel. A rejected or retired version is refused.
 */
export async function moveLabelFor(
  caller: ModelCaller,
  options: { model: string; input: z.input<typeof moveLabelForInput> },
): Promise<LabelMove> {
  const input = parseOrThrow(moveLabelForInput, options.input);
  const model = await findModel(caller.brandId, options.model);
  const version = await findVersion(model.id, input.version);
  return moveLabel({
    model: model.id,
    label: input.label,
    versionId: version.id,
    reason: input.reason,
    actor: caller.labelActor,
  });
}
