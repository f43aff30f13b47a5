import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, toErrorBody } from "@/lib/errors";
import { databaseKnownDown, databaseReachable } from "@/lib/health/database-availability";

/** A request still unanswered after this long makes the guard check the database. */
const STALL_MS = 1500;
/** What a refused request is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailable(): AppError {
  return new AppError(
    "unavailable",
    "The database is not reachable; try again shortly",
    undefined,
    RETRY_AFTER_SECONDS,
  );
}

/**
 * postgres.js errors that mean the database could not be reached or went away (not that a
 * query was wrong): the client should retry later, so they answer 503 with Retry-After.
 */
const OUTAGE_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

export function isDatabaseOutage(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && OUTAGE_CODES.has(code);
}

/**
 * Requests fail fast while the database is unreachable, instead of hanging on a connection
 * that never answers (a black-holed network gives no error, only silence):
 * - while a recent probe failed, a new request is refused at once with 503 + Retry-After;
 * - a request still unanswered after STALL_MS probes the database (one probe shared by all),
 *   and is answered 503 if the probe fails. Its handler may finish later; its answer is dropped.
 * Streams that already started are left alone.
 */
export function installDatabaseGuard(app: FastifyInstance): void {
  const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
  const refuse = (reply: FastifyReply) => {
    if (reply.sent || reply.raw.headersSent) return;
    const mapped = toErrorBody(databaseUnavailable());
    void reply.code(mapped.status).headers(mapped.headers).send(mapped.body);
  };

  app.addHook("onRequest", async (req, reply) => {
    if (req.url.startsWith("/api/health") || req.url.startsWith("/api/metrics")) return;
    if (databaseKnownDown() && !(await databaseReachable())) throw databaseUnavailable();
    timers.set(
      req,
      setTimeout(() => {
        if (reply.sent || reply.raw.headersSent) return;
        void databaseReachable().then((up) => !up && refuse(reply));
      }, STALL_MS),
    );
  });
  const clear = async (req: FastifyRequest) => clearTimeout(timers.get(req));
  app.addHook("onResponse", clear);
  app.addHook("onRequestAbort", clear);
}
