import { AppError } from "@/lib/errors";

/**
 * Opaque page cursors for the content list: base64url of the last row's exact (updatedAt,
 * id). Clients must not build them; a malformed one is a 400 naming `cursor`.
 */
export interface ContentCursor {
  updatedAt: string;
  id: string;
}

/** Postgres' text form of a timestamptz, e.g. `2026-11-29 22:34:53.123456+00`. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeContentCursor(c: ContentCursor): string {
  return Buffer.from(JSON.stringify([c.updatedAt, c.id])).toString("base64url");
}

export function decodeContentCursor(cursor: string): ContentCursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof updatedAt === "string" && TIMESTAMP.test(updatedAt) && typeof id === "string" && UUID.test(id))
      return { updatedAt, id };
  } catch {
    // Falls through to the error below.
  }
  throw new AppError("validation_failed", "The request is not valid", [
    { path: "cursor", message: "Not a cursor this API returned" },
  ]);
}
