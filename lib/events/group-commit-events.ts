/**
 * Group commit for feedback events. Rows from concurrent requests (ingest calls, served
 * exposures) are written by one multi-row INSERT in one transaction; each caller's promise
 * settles only after that transaction commits, so an acknowledged event is durable. One
 * statement per batch instead of one per request is what keeps the write path up under load.
 *
 * There is no waiting window: a flush starts as soon as one of MAX_IN_FLIGHT slots is free,
 * at the end of the current turn of the event loop (so callers of the same turn share it).
 * While both slots are busy, rows queue and go together in the next flush, so batches grow
 * with the load by themselves. A fixed 4 ms window used to put a 4 ms floor under every
 * acknowledgement at low and moderate rates, where a request found no company to wait for
 * (bench/README.md, `bench:events`).
 *
 * The pending queue is per process and holds only rows whose callers are still waiting:
 * nothing acknowledged lives only here (DESIGN.md: shared state lives in Postgres).
 */
import { sql } from "drizzle-orm";
import { events } from "@/db/schema";
import { db } from "@/lib/db";
import { groupCommit } from "@/lib/group-commit";
import { logger } from "@/lib/log";
import { outsideTrace } from "@/lib/tracing/in-span";

export type EventRow = typeof events.$inferInsert;

/** Rows per flush; a flush with more pending leaves the rest to the next one at once. */
export const GROUP_COMMIT_MAX_ROWS = 5_000;
/** Flushes running at once: enough to overlap a commit with the next batch's collection. */
const MAX_IN_FLIGHT = 2;

export interface WriteResult {
  /** Rows newly stored. */
  inserted: number;
  /** Rows whose (brand, client event id) was stored before (or earlier in the same write). */
  duplicates: number;
}

/** Callers' batches of rows share statements, up to GROUP_COMMIT_MAX_ROWS rows each. */
// Outside any trace: the statement holds many requests' events, so it is no one request's span.
const writer = groupCommit<EventRow[], WriteResult>((batch) => outsideTrace(() => insertBatch(batch)), {
  weight: (rows) => rows.length,
  maxWeight: GROUP_COMMIT_MAX_ROWS,
  maxInFlight: MAX_IN_FLIGHT,
  // One caller's rows (say, content deleted meanwhile) must not fail the others'.
  onBatchFailed: (err, callers) =>
    logger().warn({ err, callers }, "group commit failed; writing callers one by one"),
});

/** Stores `rows` (deduplicated on the client event id) and resolves once they are committed. */
export function writeEvents(rows: EventRow[]): Promise<WriteResult> {
  if (rows.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
  return writer.write(rows);
}

/** Writes everything pending and waits for every write in progress: call before closing the pool. */
export function flushEvents(): Promise<void> {
  return writer.flush();
}

const keyOf = (r: EventRow) => (r.externalId == null ? null : `${r.brandId}\u0000${r.externalId}`);

/**
 * The batch goes as one JSON parameter: a multi-row VALUES list costs a bind parameter per
 * column per row, and for 2,000 rows building and binding those 18,000 parameters took
 * longer than the insert itself.
 */
function toRecord(r: EventRow) {
  return {
    brand_id: r.brandId,
    kind: r.kind,
    unit_key: r.unitKey,
    content_id: r.contentId ?? null,
    external_id: r.externalId ?? null,
    audience: r.audience ?? null,
    variant: r.variant ?? null,
    value: r.value ?? 0,
    occurred_at: r.occurredAt instanceof Date ? r.occurredAt.toISOString() : r.occurredAt,
  };
}

/**
 * One statement (so one transaction) for the whole batch. A client event id claimed twice in the batch belongs to
 * the first caller that sent it; the later copies are duplicates without reaching the database.
 */
async function insertBatch(groups: EventRow[][]): Promise<WriteResult[]> {
  const claimed = new Set<string>();
  const owned: boolean[][] = groups.map((rows) =>
    rows.map((r) => {
      const key = keyOf(r);
      if (key === null) return true;
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    }),
  );
  const toWrite = groups.flatMap((rows, g) => rows.filter((_, i) => owned[g]![i]));
  const stored = new Set<string>();
  const inserted = await db().execute<{ brand_id: string; external_id: string | null }>(sql`
    insert into ${events} (brand_id, kind, unit_key, content_id, external_id, audience, variant, value, occurred_at)
    select brand_id, kind, unit_key, content_id, external_id, audience, variant, coalesce(value, 0), occurred_at
    from jsonb_to_recordset(${JSON.stringify(toWrite.map(toRecord))}::jsonb) as x(
      brand_id uuid, kind event_kind, unit_key text, content_id uuid, external_id text,
      audience jsonb, variant jsonb, value float8, occurred_at timestamptz)
    on conflict (brand_id, external_id) do nothing
    returning brand_id, external_id`);
  for (const r of inserted) if (r.external_id !== null) stored.add(`${r.brand_id}\u0000${r.external_id}`);
  return groups.map((rows, g) => {
    let fresh = 0;
    rows.forEach((r, i) => {
      const key = keyOf(r);
      if (owned[g]![i] && (key === null || stored.has(key))) fresh++;
    });
    return { inserted: fresh, duplicates: rows.length - fresh };
  });
}
