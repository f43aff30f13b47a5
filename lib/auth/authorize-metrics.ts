import { timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Metrics are open on a private network unless METRICS_TOKEN is set; then a bearer token is required. */
export function authorizeMetrics(authorization: string | undefined): void {
  const token = getEnv().METRICS_TOKEN;
  if (!token) return;
  const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError("unauthorized", "A valid metrics token is required");
  }
}
