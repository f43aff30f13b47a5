import { z } from "zod";

const ms = (max: number) => z.number().int().min(1).max(max);

/**
 * How calls to one model version behave under failure. Stored with the version (immutable),
 * so a candidate can be tried with a tighter or looser policy than stable.
 */
export const resiliencePolicySchema = z
  .object({
    /** One upstream call; for streams, the wait for the first chunk and between chunks. */
    attemptTimeoutMs: ms(600_000).default(30_000),
    /** The whole call to this version, retries and waits included. */
    deadlineMs: ms(900_000).default(60_000),
    /** Retries after the first attempt; only retryable failures (429, 5xx, reset, timeout) are retried. */
    maxRetries: z.number().int().min(0).max(10).default(2),
    backoff: z
      .object({ initialDelayMs: ms(60_000).default(200), maxDelayMs: ms(300_000).default(5_000) })
      .prefault({}),
    breaker: z
      .discriminatedUnion("kind", [
        z.object({
          kind: z.literal("consecutive"),
          /** Consecutive failed calls that open the circuit. */
          threshold: z.number().int().min(1).max(1000),
          halfOpenAfterMs: ms(600_000),
        }),
        z.object({
          kind: z.literal("sampling"),
          /** Failure rate (0–1) over the sampling window that opens the circuit. */
          threshold: z.number().gt(0).max(1),
          durationMs: ms(600_000),
          minimumRps: z.number().positive().optional(),
          halfOpenAfterMs: ms(600_000),
        }),
      ])
      .default({ kind: "consecutive", threshold: 5, halfOpenAfterMs: 30_000 }),
  })
  .refine((p) => p.attemptTimeoutMs <= p.deadlineMs, {
    path: ["attemptTimeoutMs"],
    message: "must not exceed deadlineMs",
  });

export type ResiliencePolicy = z.infer<typeof resiliencePolicySchema>;
export type ResiliencePolicyInput = z.input<typeof resiliencePolicySchema>;
