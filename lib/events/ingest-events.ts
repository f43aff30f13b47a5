import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contentItems } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { preparedQuery } from "@/lib/db";
import { AppError, parseOrThrow } from "@/lib/errors";
import { apiAmount, apiDateTime, boundedObject } from "@/lib/input-limits";
import { writeEvents, type EventRow } from "./group-commit-events";

export const MAX_EVENTS_PER_CALL = 1_000;

/** One feedback event as a downstream app posts it. */
export const feedbackEventSchema = z
  .object({
    id: z.string().min(1).max(200).describe("The client's id for the event; a replay is not counted twice"),
    type: z.enum(["impression", "click", "conversion"]),
    unit: z.string().min(1).max(200).describe("Who saw or acted: customer, user or device id"),
    content_id: z.string().uuid(),
    value: apiAmount().optional().describe("Conversions only, in the brand's currency"),
    occurred_at: apiDateTime(),
    audience: boundedObject().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.value !== undefined && e.type !== "conversion")
      ctx.addIssue({ code: "custom", path: ["value"], message: "Only a conversion carries a value" });
  });

export const ingestEventsBody = z.object({
  events: z
    .array(feedbackEventSchema)
    .min(1, "Send at least one event")
    .max(MAX_EVENTS_PER_CALL, `At most ${MAX_EVENTS_PER_CALL} events per call; split the batch`),
});

export const ingestEventsInput = ingestEventsBody.extend({ brandId: z.string().uuid() });

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

const KIND = { impression: "exposure", click: "click", conversion: "conversion" } as const;

/** Which of `ids` are the brand's content items. Every ingest call asks: built once per pool. */
const contentOfBrand = preparedQuery((database) =>
  database
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.brandId, sql.placeholder("brandId")),
        sql`${contentItems.id} = any(${sql.placeholder("ids")}::uuid[])`,
      ),
    )
    .prepare("content_of_brand"),
);

/**
 * Stores a batch of feedback events, all or nothing: a batch with any invalid event or any
 * content id that is not the brand's writes nothing. Events are idempotent by client id
 * (the (brand, external id) unique key); the answer comes after the rows are committed.
 */
export async function ingestEvents(
  principal: Principal | null,
  raw: z.input<typeof ingestEventsInput>,
): Promise<IngestResult> {
  const input = parseOrThrow(ingestEventsInput, raw);
  authorize(principal, "studio:use", input.brandId);
  const ids = [...new Set(input.events.map((e) => e.content_id))];
  const known = new Set((await contentOfBrand().execute({ brandId: input.brandId, ids })).map((r) => r.id));
  const unknown = input.events.flatMap((e, i) =>
    known.has(e.content_id)
      ? []
      : [{ path: `events.${i}.content_id`, id: e.id, message: "Not a content item of this brand" }],
  );
  if (unknown.length > 0)
    throw new AppError(
      "unprocessable",
      `${unknown.length} event(s) name content this brand does not have; nothing was stored`,
      unknown.slice(0, 100),
    );
  const rows: EventRow[] = input.events.map((e) => ({
    brandId: input.brandId,
    kind: KIND[e.type],
    unitKey: e.unit,
    contentId: e.content_id,
    externalId: e.id,
    audience: e.audience ?? null,
    value: e.value ?? 0,
    occurredAt: new Date(e.occurred_at),
  }));
  const written = await writeEvents(rows);
  return { accepted: written.inserted, duplicates: written.duplicates };
}
