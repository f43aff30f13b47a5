/**
 * Group commit for feedback events. Rows from concurrent requests (ingest calls, served
 * exposures) are collected for a few milliseconds and written by one multi-row INSERT in
 * one transaction; each caller's promise settles only after that transaction commits, so
 * an acknowledged event is durable. One statement per window instead of one per request
 * is what keeps the write path up under load.
 *
 * The pending queue is per process and holds only rows whose callers are still waiting:
 * nothing acknowledged lives only here (DESIGN.md: shared state lives in Postgres).
 */
import { events } from "@/db/schema";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";

export type EventRow = typeof events.$inferInsert;

/** How long the first row of a batch waits for company. */
export const GROUP_COMMIT_WINDOW_MS = 4;
/** Rows per flush; a flush with more pending leaves the rest to the next one at once. */
export const GROUP_COMMIT_MAX_ROWS = 5_000;
/** Rows per INSERT statement: 11 parameters a row stays under Postgres' 65,535. */
const ROWS_PER_STATEMENT = 2_000;
/** Flushes running at once: enough to overlap a commit with the next batch's collection. */
const MAX_IN_FLIGHT = 2;

export interface WriteResult {
  /** Rows newly stored. */
  inserted: number;
  /** Rows whose (brand, client event id) was stored before (or earlier in the same write). */
  duplicates: number;
}

interface Pending {
  rows: EventRow[];
  resolve: (r: WriteResult) => void;
  reject: (err: unknown) => void;
}

const queue: Pending[] = [];
let queuedRows = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight = 0;
const flushing = new Set<Promise<void>>();

/** Stores `rows` (deduplicated on the client event id) and resolves once they are committed. */
export function writeEvents(rows: EventRow[]): Promise<WriteResult> {
  if (rows.length === 0) return Promise.resolve({ inserted: 0, duplicates: 0 });
  return new Promise<WriteResult>((resolve, reject) => {
    queue.push({ rows, resolve, reject });
    queuedRows += rows.length;
    if (queuedRows >= GROUP_COMMIT_MAX_ROWS) kick();
    else timer ??= setTimeout(kick, GROUP_COMMIT_WINDOW_MS);
  });
}

/** Writes everything pending and waits for every write in progress: call before closing the pool. */
export async function flushEvents(): Promise<void> {
  while (queue.length > 0 || flushing.size > 0) {
    kick();
    await Promise.allSettled([...flushing]);
  }
}

function kick(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  while (queue.length > 0 && inFlight < MAX_IN_FLIGHT) {
    const batch = takeBatch();
    inFlight++;
    const run = flush(batch).finally(() => {
      inFlight--;
      flushing.delete(run);
      if (queue.length > 0) {
        if (queuedRows >= GROUP_COMMIT_MAX_ROWS) kick();
        else timer ??= setTimeout(kick, GROUP_COMMIT_WINDOW_MS);
      }
    });
    flushing.add(run);
  }
}

function takeBatch(): Pending[] {
  const batch: Pending[] = [];
  let rows = 0;
  while (queue.length > 0 && (batch.length === 0 || rows + queue[0]!.rows.length <= GROUP_COMMIT_MAX_ROWS)) {
    const next = queue.shift()!;
    rows += next.rows.length;
    batch.push(next);
  }
  queuedRows -= rows;
  return batch;
}

async function flush(batch: Pending[]): Promise<void> {
  try {
    const results = await insertBatch(batch.map((p) => p.rows));
    batch.forEach((p, i) => p.resolve(results[i]!));
  } catch (err) {
    if (batch.length === 1) {
      batch[0]!.reject(err);
      return;
    }
    // One caller's rows (say, content deleted meanwhile) must not fail the others': retry alone.
    logger().warn({ err, callers: batch.length }, "group commit failed; writing callers one by one");
    for (const p of batch) {
      try {
        p.resolve((await insertBatch([p.rows]))[0]!);
      } catch (e) {
        p.reject(e);
      }
    }
  }
}

const keyOf = (r: EventRow) => (r.externalId == null ? null : `${r.brandId}\u0000${r.externalId}`);

/**
 * One transaction for the whole batch. A client event id claimed twice in the batch belongs to
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
  await db().transaction(async (tx) => {
    for (let i = 0; i < toWrite.length; i += ROWS_PER_STATEMENT) {
      const inserted = await tx
        .insert(events)
        .values(toWrite.slice(i, i + ROWS_PER_STATEMENT))
        .onConflictDoNothing({ target: [events.brandId, events.externalId] })
        .returning({ brandId: events.brandId, externalId: events.externalId });
      for (const r of inserted) if (r.externalId !== null) stored.add(`${r.brandId}\u0000${r.externalId}`);
    }
  });
  return groups.map((rows, g) => {
    let inserted = 0;
    rows.forEach((r, i) => {
      const key = keyOf(r);
      if (!owned[g]![i]) return;
      if (key === null || stored.has(key)) inserted++;
    });
    return { inserted, duplicates: rows.length - inserted };
  });
}
