import { and, eq } from "drizzle-orm";
import { generations } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** A generation with its live steps, for the Studio's progress view and the API. */
export async function getGeneration(principal: Principal | null, brandId: string, id: string) {
  authorize(principal, "library:view", brandId);
  const [row] = await db()
    .select()
    .from(generations)
    .where(and(eq(generations.id, id), eq(generations.brandId, brandId)));
  if (!row) throw new AppError("not_found", "No such generation in this brand");
  return { ...row, steps: row.steps };
}
