import { and, eq, or, sql } from "drizzle-orm";
import { models } from "@/db/schema";
import { preparedQuery } from "@/lib/db";

/**
 * The slug a model is called by on the chat lane: its name lowercased, each run of
 * non-alphanumerics one `-`, no `-` at either end ("Brandgate Copy" → "brandgate-copy").
 * Until models carry a stored `slug` column (the lifecycle branch), it is derived here and in
 * the query below; when the column lands, match on it instead and drop the derivation.
 */
export function modelSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const derivedSlug = sql`trim(both '-' from regexp_replace(lower(${models.name}), '[^a-z0-9]+', '-', 'g'))`;

const byModel = preparedQuery((database) =>
  database
    .select({ id: models.id, name: models.name })
    .from(models)
    .where(
      and(
        eq(models.brandId, sql.placeholder("brandId")),
        eq(models.kind, "generation"),
        or(
          eq(derivedSlug, sql.placeholder("slug")),
          eq(sql`lower(${models.name})`, sql.placeholder("lower")),
          eq(sql`${models.id}::text`, sql.placeholder("model")),
        ),
      ),
    )
    .limit(1)
    .prepare("find_model_by_slug"),
);

/**
 * A generation model of the brand named by what an OpenAI client sends as `model`: its slug,
 * case-insensitive, or its name in any case (or its id, as the lane accepted before).
 */
export async function findModelBySlug(
  brandId: string,
  model: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await byModel().execute({
    brandId,
    slug: modelSlug(model),
    lower: model.toLowerCase(),
    model,
  });
  return row ?? null;
}
