import { and, eq, inArray, sql } from "drizzle-orm";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";

/**
 * Ends an unfinished generation as blocked or failed, with the reasons people will read. A
 * queued one can end here too: its job was refused before it ran. Answers whether it moved the
 * generation (false when it had already ended).
 */
export async function finishGeneration(
  id: string,
  status: "blocked" | "failed",
  outcome: { reasons: string[]; [k: string]: unknown },
) {
  const moved = await db()
    .update(generations)
    .set({ status, outcome, updatedAt: sql`now()` })
    .where(and(eq(generations.id, id), inArray(generations.status, ["queued", "running"])))
    .returning({ id: generations.id });
  return moved.length > 0;
}
