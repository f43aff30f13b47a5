import type { FastifyRequest } from "fastify";
import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The brand a brand-scoped read acts on: an API key's own brand; for the web UI's session,
 * the `x-brandgate-brand` header (lib then checks the session's membership).
 */
export function callerBrand(req: FastifyRequest): string {
  const header = req.headers["x-brandgate-brand"];
  if (req.principal?.kind === "api-key") {
    // The key belongs to one brand; a brand header is optional, and where sent must name it.
    if (header !== undefined && header !== req.principal.brandId)
      throw new AppError("forbidden", "This API key belongs to another brand than x-brandgate-brand names", [
        { path: "headers.x-brandgate-brand", message: "Leave it out, or name the key's own brand" },
      ]);
    return req.principal.brandId;
  }
  if (typeof header !== "string" || !UUID.test(header))
    throw new AppError("validation_failed", "The request is not valid", [
      { path: "headers.x-brandgate-brand", message: "Name the brand (a UUID) when calling with a session" },
    ]);
  return header;
}
