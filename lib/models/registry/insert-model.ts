import type { Executor } from "@/db/client";
import { models, type Model, type ModelKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isConstraintViolation } from "./is-constraint-violation";

export interface InsertModelValues {
  brandId: string;
  kind: ModelKind;
  name: string;
  description?: string;
  /** See lib/models/registry/model-policy.ts; `{}` means every default. */
  policy?: Record<string, unknown>;
}

/** Unchecked insert shared by `createModel` (after authorization) and the demo seed. */
export async function insertModel(database: Executor, values: InsertModelValues): Promise<Model> {
  try {
    const [model] = await database.insert(models).values(values).returning();
    return model!;
  } catch (err) {
    if (isConstraintViolation(err, "23505")) {
      throw new AppError("conflict", "This brand already has a model with that name", { path: "name" });
    }
    throw err;
  }
}
