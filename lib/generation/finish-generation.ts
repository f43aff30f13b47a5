import { and, eq, sql } from "drizzle-orm";
import { generations } from "@/db/schema";
import { db } from "@/lib/db";

/** Ends a running generation as blocked or failed, with the reasons people will read. */
export async function finishGeneration(
  id: string,
  status: "blocked" | "failed",
  outcome: { reasons: string[]; [k: string]: unknown },
) {
  await db()
    .update(generations)
    .set({ status, outcome, updatedAt: sql`now()` })
    .where(and(eq(generations.id, id), eq(generations.status, "running")));
}
