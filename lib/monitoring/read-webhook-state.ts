import { sql } from "drizzle-orm";
import { db } from "@/lib/db";
import { webhookDeliveriesDead, webhookDeliveriesPending } from "@/lib/metrics/webhooks";

/** Pending and dead deliveries per brand (webhook_deliveries_status_next_attempt_idx leads on status). */
export async function readWebhookState(): Promise<void> {
  const rows = await db().execute<{ brand: string; status: string; n: number }>(sql`
    select b.slug as brand, d.status::text as status, count(*)::int as n
    from webhook_deliveries d
    join webhook_subscriptions s on s.id = d.subscription_id
    join brands b on b.id = s.brand_id
    where d.status in ('pending', 'dead')
    group by 1, 2`);
  webhookDeliveriesPending.reset();
  webhookDeliveriesDead.reset();
  for (const row of rows)
    (row.status === "dead" ? webhookDeliveriesDead : webhookDeliveriesPending).set(
      { brand: row.brand },
      row.n,
    );
}
