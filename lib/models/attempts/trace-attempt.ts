import { recordFinishedSpan } from "@/lib/tracing/in-span";
import { tracingEnabled } from "@/lib/tracing/state";
import type { AttemptRecord } from "./recorder";

/**
 * GenAI semantic-convention attribute names (OpenTelemetry semantic conventions 1.45, still
 * "incubating"): written out here, as the conventions package advises for incubating names,
 * rather than loading its 750 kB incubating module into every process.
 */
const GEN_AI = {
  operation: "gen_ai.operation.name",
  provider: "gen_ai.provider.name",
  /** The older name of gen_ai.provider.name, still what many backends group by. */
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
  finishReasons: "gen_ai.response.finish_reasons",
  responseId: "gen_ai.response.id",
} as const;

export interface AttemptDescription {
  /** The upstream model and provider of the version called. */
  model?: { name: string; provider: string };
  finishReason?: string | null;
}

/**
 * One model attempt as a span under the active one (the generation's `generate` step, the
 * chat call): `chat <model>`, timed from the attempt's own start and latency, with the GenAI
 * attributes and the Brandgate version it served as. Nothing when tracing is off.
 */
export function traceAttempt(record: AttemptRecord, described: AttemptDescription): void {
  if (!tracingEnabled()) return; // before building the attributes: free when off
  const model = described.model;
  recordFinishedSpan(`chat ${model?.name ?? record.versionId}`, {
    startTime: record.startedAt,
    durationMs: record.latencyMs,
    error: record.outcome === "ok" ? null : (record.errorClass ?? record.outcome),
    attributes: {
      [GEN_AI.operation]: "chat",
      ...(model && {
        [GEN_AI.provider]: model.provider,
        [GEN_AI.system]: model.provider,
        [GEN_AI.requestModel]: model.name,
      }),
      ...(record.tokensIn !== null && { [GEN_AI.inputTokens]: record.tokensIn }),
      ...(record.tokensOut !== null && { [GEN_AI.outputTokens]: record.tokensOut }),
      ...(described.finishReason && { [GEN_AI.finishReasons]: [described.finishReason] }),
      ...(record.upstreamRequestId && { [GEN_AI.responseId]: record.upstreamRequestId }),
      "brandgate.model.version_id": record.versionId,
      "brandgate.model.attempt": record.attempt,
      "brandgate.model.served_as": record.servedAs,
      "brandgate.model.outcome": record.outcome,
      ...(record.httpStatus !== null && { "http.response.status_code": record.httpStatus }),
    },
  });
}
