import { and, eq, or, sql } from "drizzle-orm";
import { models } from "@/db/schema";
import { preparedQuery } from "@/lib/db";

const byModel = preparedQuery((database) =>
  database
    .select({ id: models.id, name: models.name })
    .from(models)
    .where(
      and(
        eq(models.brandId, sql.placeholder("brandId")),
        eq(models.kind, "generation"),
        or(
          // The slug GET /api/v1/models lists is stored lowercase (models.slug).
          eq(models.slug, sql.placeholder("lower")),
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
    lower: model.toLowerCase(),
    model,
  });
  return row ?? null;
}
