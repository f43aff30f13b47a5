import { exportAudit, exportAuditInput } from "@/lib/audit/export-audit";
import { parseOrThrow } from "@/lib/errors";
import { withSession } from "../../../../_auth/with-session";

/** GET /admin/audit/export?brandId=…&format=jsonl|csv&<filters> — lib authorizes `audit:read`. */
export const GET = withSession(async ({ req, session }) => {
  const input = parseOrThrow(exportAuditInput, Object.fromEntries(new URL(req.url).searchParams));
  const { contentType, filename, chunks } = exportAudit(session, input);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
