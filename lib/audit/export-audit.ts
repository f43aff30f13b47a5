import { z } from "zod";
import type { AuditEntry } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { parseOrThrow } from "@/lib/errors";
import { auditFilterInput, selectAuditPage, type AuditFilter } from "./list-audit";
import { toCsvRow } from "./to-csv-row";

export const exportAuditInput = auditFilterInput.extend({
  format: z.enum(["jsonl", "csv"]).default("jsonl"),
});

export interface AuditExport {
  contentType: string;
  filename: string;
  /** Produced page by page, so an export of any size streams in bounded memory. */
  chunks: AsyncGenerator<string>;
}

const CSV_HEADER = [
  "seq",
  "at",
  "brand_id",
  "actor_kind",
  "actor_id",
  "actor_email",
  "action",
  "target_type",
  "target_id",
  "data",
  "prev_hash",
  "hash",
];

/**
 * Every entry matching the filter, newest first, with its hashes, as JSON lines or CSV.
 * Authorizes (`audit:read`) before returning, so a refusal is an error, not a broken stream.
 */
export function exportAudit(principal: Principal | null, raw: z.input<typeof exportAuditInput>): AuditExport {
  const { format, ...filter } = parseOrThrow(exportAuditInput, raw);
  authorize(principal, "audit:read", filter.brandId);
  const stamp = new Date().toISOString().replaceAll(":", "-").slice(0, 19);
  return format === "csv"
    ? { contentType: "text/csv; charset=utf-8", filename: `audit-${stamp}.csv`, chunks: csvChunks(filter) }
    : { contentType: "application/x-ndjson", filename: `audit-${stamp}.jsonl`, chunks: jsonlChunks(filter) };
}

async function* pages(filter: AuditFilter): AsyncGenerator<AuditEntry[]> {
  let before: number | undefined;
  for (;;) {
    const rows = await selectAuditPage(filter, before, 500);
    if (rows.length > 0) yield rows;
    if (rows.length < 500) return;
    before = rows[rows.length - 1]!.seq;
  }
}

async function* jsonlChunks(filter: AuditFilter): AsyncGenerator<string> {
  for await (const rows of pages(filter)) {
    yield rows.map((r) => `${JSON.stringify({ ...r, at: r.at.toISOString() })}\n`).join("");
  }
}

async function* csvChunks(filter: AuditFilter): AsyncGenerator<string> {
  yield toCsvRow(CSV_HEADER);
  for await (const rows of pages(filter)) {
    yield rows
      .map((r) =>
        toCsvRow([
          r.seq,
          r.at.toISOString(),
          r.brandId,
          r.actor.kind,
          r.actor.kind === "system" ? (r.actor.reason ?? null) : r.actor.id,
          r.actor.kind === "user"
            ? (r.actor.email ?? null)
            : r.actor.kind === "api_key"
              ? r.actor.prefix
              : null,
          r.action,
          r.targetType,
          r.targetId,
          JSON.stringify(r.data),
          r.prevHash,
          r.hash,
        ]),
      )
      .join("");
  }
}
