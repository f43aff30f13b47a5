import type { AttemptRecord } from "./attempts/recorder";
import { completeVersion } from "./complete-version";
import type { GatewayDeps, GenerateOptions, GenerationResult, Leg } from "./gateway-deps";
import { GenerationError } from "./resilience/generation-error";
import { streamVersion, type GenerationStreamEvent } from "./stream-version";
import { withParsed } from "./with-parsed";

export interface Gateway {
  generate(options: GenerateOptions): Promise<GenerationResult>;
  generateStream(options: GenerateOptions): AsyncGenerator<GenerationStreamEvent>;
}

/** The legs of a call: the target, then the fallback unless the caller left or there is none. */
function legs(options: GenerateOptions): { versionId: string; leg: Leg }[] {
  const out: { versionId: string; leg: Leg }[] = [{ versionId: options.target.versionId, leg: "primary" }];
  if (options.fallbackVersionId && options.fallbackVersionId !== options.target.versionId) {
    out.push({ versionId: options.fallbackVersionId, leg: "fallback" });
  }
  return out;
}

/**
 * The gateway with its dependencies given: tests pass an in-memory recorder and their own
 * breakers; `generate`/`generateStream` in lib/models use the database ones.
 */
export function createGateway(deps: GatewayDeps): Gateway {
  return {
    async generate(options) {
      const callerSignal = options.signal ?? new AbortController().signal;
      const attempts: AttemptRecord[] = [];
      let lastFailure;
      for (const { versionId, leg } of legs(options)) {
        const target = await deps.resolveTarget(options.brandId, versionId);
        const outcome = await completeVersion(deps, target, leg, options, callerSignal, attempts);
        if (outcome.ok) {
          const { text, tokensIn, tokensOut, finishReason, toolCalls } = outcome.value;
          return withParsed(
            {
              text,
              toolCalls,
              usage: { tokensIn, tokensOut },
              finishReason,
              versionId,
              servedBy: leg,
              attempts,
            },
            options,
          );
        }
        lastFailure = outcome.failure;
        // The caller has gone: a fallback would answer no one.
        if (lastFailure.errorClass === "aborted") break;
      }
      throw new GenerationError(lastFailure!, attempts);
    },

    generateStream(options) {
      return streamVersion(deps, options, legs(options));
    },
  };
}
