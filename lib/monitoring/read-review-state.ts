import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { reviewOverdue, reviewWaiting } from "@/lib/metrics/content";

/**
 * Items in review per brand and stage, and how many are past the stage's SLA: the same rule as
 * the review queue's `overdue` (lib/review/list-review-queue.ts), stage entry + slaHours of the
 * pinned workflow's stage. Rides content_items_review_idx (status, stage_entered_at).
 */
export async function readReviewState(): Promise<void> {
  const rows = await db().execute<{ brand: string; stage: string; waiting: number; overdue: number }>(sql`
    select b.slug as brand, coalesce(w.stages -> ci.stage_index ->> 'name', 'unknown') as stage,
      count(*)::int as waiting,
      count(*) filter (
        where ci.stage_entered_at
          + make_interval(hours => (w.stages -> ci.stage_index ->> 'slaHours')::int) < now()
      )::int as overdue
    from content_items ci
    join brands b on b.id = ci.brand_id
    join workflow_definitions w on w.id = ci.workflow_definition_id
    where ci.status = 'in_review'
    group by 1, 2`);
  reviewWaiting.reset();
  reviewOverdue.reset();
  for (const row of rows) {
    reviewWaiting.set({ brand: row.brand, stage: row.stage }, row.waiting);
    reviewOverdue.set({ brand: row.brand, stage: row.stage }, row.overdue);
  }
}
