import { sql } from "drizzle-orm";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A UTC day as YYYY-MM-DD");

export const getUsageInput = z
  .object({
    brandId: z.string().uuid(),
    /** First UTC day, inclusive; 29 days before `to` by default. */
    from: day.optional(),
    /** Last UTC day, inclusive; today by default. */
    to: day.optional(),
  })
  .refine((u) => !u.from || !u.to || u.from <= u.to, { path: ["from"], message: "`from` is after `to`" })
  .refine((u) => !u.from || !u.to || Date.parse(u.to) - Date.parse(u.from) <= 366 * 86_400_000, {
    path: ["from"],
    message: "At most 366 days at a time",
  });

/** One line of the totals: a day, a key (or none: people and the system) and a model version. */
export interface UsageRow {
  day: string;
  apiKeyId: string | null;
  keyName: string | null;
  versionId: string;
  /** "model-slug@tag". */
  versionLabel: string;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  costMicroUsd: number;
  /** Calls to a version with no price: counted at 0. */
  unpricedCalls: number;
}

export interface Usage {
  from: string;
  to: string;
  currency: "USD";
  rows: UsageRow[];
  totals: { calls: number; tokensIn: number; tokensOut: number; costMicroUsd: number; unpricedCalls: number };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What the brand's model calls cost per UTC day, key and model version, from every recorded
 * attempt (chat lane, pipeline, shadow and evaluation calls alike), each priced when it was made.
 */
export async function getUsage(
  principal: Principal | null,
  raw: z.input<typeof getUsageInput>,
): Promise<Usage> {
  const input = parseOrThrow(getUsageInput, raw);
  authorize(principal, "usage:view", input.brandId);
  const to = input.to ?? iso(new Date());
  const from = input.from ?? iso(new Date(Date.parse(to) - 29 * 86_400_000));
  const rows = await db().execute<{
    day: string;
    api_key_id: string | null;
    key_name: string | null;
    version_id: string;
    version_label: string;
    calls: string | number;
    tokens_in: string | number;
    tokens_out: string | number;
    cost: string | number;
    unpriced: string | number;
  }>(sql`
    select to_char(a.started_at at time zone 'UTC', 'YYYY-MM-DD') as day, a.api_key_id, k.name as key_name,
      a.version_id, m.slug || '@' || v.tag as version_label,
      count(*) as calls, coalesce(sum(a.tokens_in), 0) as tokens_in, coalesce(sum(a.tokens_out), 0) as tokens_out,
      coalesce(sum(a.cost_micro_usd), 0) as cost,
      count(*) filter (where v.price_input_per_million is null and v.price_output_per_million is null) as unpriced
    from generation_attempts a
    join model_versions v on v.id = a.version_id
    join models m on m.id = v.model_id
    left join api_keys k on k.id = a.api_key_id
    where a.brand_id = ${input.brandId}
      and a.started_at >= ${from}::date at time zone 'UTC'
      and a.started_at < (${to}::date + 1) at time zone 'UTC'
    group by 1, 2, 3, 4, 5
    order by 1, 5, 3 nulls first`);
  const out = rows.map((r) => ({
    day: r.day,
    apiKeyId: r.api_key_id,
    keyName: r.key_name,
    versionId: r.version_id,
    versionLabel: r.version_label,
    calls: Number(r.calls),
    tokensIn: Number(r.tokens_in),
    tokensOut: Number(r.tokens_out),
    costMicroUsd: Number(r.cost),
    unpricedCalls: Number(r.unpriced),
  }));
  const totals = { calls: 0, tokensIn: 0, tokensOut: 0, costMicroUsd: 0, unpricedCalls: 0 };
  for (const r of out) {
    totals.calls += r.calls;
    totals.tokensIn += r.tokensIn;
    totals.tokensOut += r.tokensOut;
    totals.costMicroUsd += r.costMicroUsd;
    totals.unpricedCalls += r.unpricedCalls;
  }
  return { from, to, currency: "USD", rows: out, totals };
}
