import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { WorkflowStage } from "@/db/schema/json/workflow-stages";

/**
 * The enabled users who hold a stage's role or belong to its group in a brand: who hears that
 * an item waits there. Admins may act at every role stage but are told only of admin stages,
 * or they would hear of every item.
 */
export async function stageReviewers(
  tx: Executor,
  brandId: string,
  stage: Pick<WorkflowStage, "actor">,
): Promise<string[]> {
  const holds =
    stage.actor.kind === "role"
      ? eq(memberships.role, stage.actor.role)
      : and(ne(memberships.role, "marketer"), sql`${stage.actor.group} = any(${memberships.groups})`);
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.brandId, brandId), isNull(users.disabledAt), holds));
  return rows.map((r) => r.userId);
}
