import { db } from "@/lib/db";
import { dbRecorder } from "./attempts/db-recorder";
import { createGateway, type Gateway } from "./create-gateway";
import type { GenerateOptions, GenerationResult } from "./gateway-deps";
import { dbTargetResolver } from "./registry/resolve-target";
import { createBreakerRegistry } from "./resilience/breakers";
import type { GenerationStreamEvent } from "./stream-version";

export type { GenerateOptions, GenerationResult } from "./gateway-deps";
export type { GenerationStreamEvent } from "./stream-version";

let gateway: (Gateway & { flush: () => Promise<void> }) | undefined;

/** The process's gateway: database targets and attempt records, in-process breakers. */
function defaultGateway() {
  if (!gateway) {
    const recorder = dbRecorder(db());
    gateway = {
      ...createGateway({
        resolveTarget: dbTargetResolver(db()),
        recorder,
        breakers: createBreakerRegistry(),
      }),
      flush: () => recorder.flush(),
    };
  }
  return gateway;
}

/**
 * Generates with the version the caller chose (rollout assignment happens before), falling
 * back to `fallbackVersionId` when it fails. Throws GenerationError (an AppError) when no leg
 * answered; every attempt is in generation_attempts either way.
 */
export function generate(options: GenerateOptions): Promise<GenerationResult> {
  return defaultGateway().generate(options);
}

/** As `generate`, yielding text deltas and then `{ type: "done", result }`. */
export function generateStream(options: GenerateOptions): AsyncGenerator<GenerationStreamEvent> {
  return defaultGateway().generateStream(options);
}

/** Waits until queued attempt records are written (shutdown, tests). */
export function flushGenerationAttempts(): Promise<void> {
  return gateway?.flush() ?? Promise.resolve();
}
