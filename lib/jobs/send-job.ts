import type { PgBoss, SendOptions } from "pg-boss";
import { db } from "@/lib/db";
import { AppError, validationError } from "@/lib/errors";
import { inSpan, SpanKind } from "@/lib/tracing/in-span";
import { currentTraceCarrier } from "@/lib/tracing/trace-context";
import { createBoss } from "./boss";
import { JOBS, type JobKey, type JobPayload } from "./contracts";

let sender: Promise<PgBoss> | undefined;
let started: PgBoss | undefined;

/** A pg-boss instance that only sends: no polling, no maintenance, in any web process. */
export function getSender(): Promise<PgBoss> {
  sender ??= createBoss(db(), { supervise: false })
    .start()
    .then((boss) => (started = boss))
    .catch((err: unknown) => {
      sender = undefined;
      throw err;
    });
  return sender;
}

/** The sender once started, else undefined (sendJobIn, which may not start it mid-transaction). */
export function startedSender(): PgBoss | undefined {
  return started;
}

/**
 * Validates the payload against its contract and stores the job; returns its id. Inside a
 * trace, the payload carries its traceparent (unless the caller gave one), so the job's spans
 * continue the trace that queued it.
 */
export async function sendJob<K extends JobKey>(
  key: K,
  payload: JobPayload<K>,
  options?: SendOptions,
): Promise<string> {
  const contract = JOBS[key];
  return inSpan(
    `send ${contract.name}`,
    { kind: SpanKind.PRODUCER, attributes: jobSpanAttributes(contract.name, "send") },
    async () => {
      const parsed = contract.schema.safeParse({ ...currentTraceCarrier(), ...payload });
      if (!parsed.success) throw validationError(parsed.error, `Job ${contract.name} has an invalid payload`);
      const boss = await getSender();
      const id = await boss.send(contract.name, parsed.data as object, options);
      if (!id)
        throw new AppError("conflict", `Job ${contract.name} was not queued (a singleton is already queued)`);
      return id;
    },
  );
}

/** OpenTelemetry's messaging attributes for a job sent or processed. */
export function jobSpanAttributes(name: string, operation: "send" | "process") {
  return {
    "messaging.system": "pg-boss",
    "messaging.destination.name": name,
    "messaging.operation.type": operation,
  };
}

export async function stopSender(): Promise<void> {
  const current = sender;
  sender = undefined;
  started = undefined;
  if (current) await (await current).stop({ graceful: false, close: false });
}
