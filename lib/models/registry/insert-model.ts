import type { Executor } from "@/db/client";
import { models, type Model, type ModelKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isConstraintViolation, violatedConstraint } from "./is-constraint-violation";
import { slugFromName } from "./model-slug";

export interface InsertModelValues {
  brandId: string;
  kind: ModelKind;
  name: string;
  /** Derived from the name when left out (see model-slug.ts). */
  slug?: string;
  description?: string;
  /** See lib/models/registry/model-policy.ts; `{}` means every default. */
  policy?: Record<string, unknown>;
}

/** Unchecked insert shared by `createModel` (after authorization) and the demo seed. */
export async function insertModel(database: Executor, values: InsertModelValues): Promise<Model> {
  try {
    const [model] = await database
      .insert(models)
      .values({ ...values, slug: values.slug ?? slugFromName(values.name) })
      .returning();
    return model!;
  } catch (err) {
    if (isConstraintViolation(err, "23505")) {
      const slug = violatedConstraint(err) === "models_brand_slug_key";
      throw new AppError("conflict", `This brand already has a model with that ${slug ? "slug" : "name"}`, {
        path: slug ? "slug" : "name",
      });
    }
    throw err;
  }
}
