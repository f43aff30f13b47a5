import { toErrorBody } from "@/lib/errors";
import { logger } from "@/lib/log";

/** Maps any error to the JSON envelope; unexpected ones are logged with the request id. */
export function errorResponse(err: unknown, requestId: string): Response {
  const mapped = toErrorBody(err, requestId);
  if (mapped.unexpected) logger().error({ err, requestId }, "unhandled error");
  return Response.json(mapped.body, {
    status: mapped.status,
    headers: { ...mapped.headers, "x-request-id": requestId },
  });
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
