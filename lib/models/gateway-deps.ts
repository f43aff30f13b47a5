import { observeModelAttempt, type ModelLabels } from "@/lib/metrics/models";
import type { AttemptRecord, AttemptRecorder } from "./attempts/recorder";
import { traceAttempt, type AttemptDescription } from "./attempts/trace-attempt";
import { costMicroUsd } from "./cost";
import type { GenerationTarget, TargetResolver } from "./generation-target";
import type { ChatMessage, ChatSampling, SlotFormat, ToolCall } from "./providers/types";
import type { BreakerRegistry } from "./resilience/breakers";
import type { Failure } from "./resilience/classify-error";
import type { AttemptStart } from "./resilience/run-with-retries";

export interface GatewayDeps {
  resolveTarget: TargetResolver;
  recorder: AttemptRecorder;
  breakers: BreakerRegistry;
}

export interface GenerateOptions {
  brandId: string;
  /** The version the rollout assigned. */
  target: { versionId: string };
  /** Usually stable, when the target is a candidate: answers if the target fails. */
  fallbackVersionId?: string;
  messages: ChatMessage[];
  /** Ask for one JSON field per template slot; the answer is parsed against it. */
  responseFormat?: SlotFormat;
  signal?: AbortSignal;
  requestId: string;
  /** The key that asked, where a key did: its attempts are charged to it (usage, budgets). */
  apiKeyId?: string | null;
  /** Sampling seed for this call, where the provider honours one (see ProviderRequest.seed). */
  seed?: number;
  /** The caller's sampling choices (the chat lane), over the version's parameters. */
  sampling?: ChatSampling;
}

export interface GenerationResult {
  text: string;
  /** The slot values, when responseFormat was given and the answer matched it. */
  parsed?: Record<string, unknown>;
  /** Why the answer did not match responseFormat; the pipeline decides to regenerate or block. */
  parseIssue?: string;
  usage: { tokensIn: number | null; tokensOut: number | null };
  /** The function calls the model asked for (plain calls with tools only). */
  toolCalls?: ToolCall[];
  /** The upstream's finish reason ("stop", "length"…) where it gave one. */
  finishReason?: string | null;
  versionId: string;
  servedBy: "primary" | "fallback";
  attempts: AttemptRecord[];
}

export type Leg = GenerationResult["servedBy"];

/**
 * Who an attempt on `target` is for, what its tokens cost, and its names for metrics and
 * traces: the fixed part of its row.
 */
export interface AttemptBase {
  versionId: string;
  requestId: string;
  servedAs: Leg;
  brandId: string;
  apiKeyId: string | null;
  prices: GenerationTarget["prices"];
  labels: ModelLabels;
  model?: AttemptDescription["model"];
}

export function attemptBase(target: GenerationTarget, leg: Leg, options: GenerateOptions): AttemptBase {
  return {
    versionId: target.versionId,
    requestId: options.requestId,
    servedAs: leg,
    brandId: options.brandId,
    apiKeyId: options.apiKeyId ?? null,
    prices: target.prices,
    labels: target.labels,
    model: target.model,
  };
}

/**
 * Builds the row for one attempt (with its cost), hands it to the recorder and counts it in
 * the metrics; inside a trace, the attempt is also a span with the GenAI attributes (`model`
 * names the upstream model, and a successful call gives its `finishReason`).
 */
export function recordAttempt(
  deps: GatewayDeps,
  into: AttemptRecord[],
  { prices, labels, model, ...identity }: AttemptBase,
  start: AttemptStart,
  fields: Partial<AttemptRecord> & Pick<AttemptRecord, "outcome">,
  finishReason?: string | null,
): void {
  const record: AttemptRecord = {
    ...identity,
    attempt: start.attempt,
    startedAt: start.startedAt,
    latencyMs: Math.round(performance.now() - start.started),
    tokensIn: null,
    tokensOut: null,
    errorClass: null,
    httpStatus: null,
    upstreamRequestId: null,
    ...fields,
  };
  record.costMicroUsd = prices ? costMicroUsd(prices, record.tokensIn, record.tokensOut) : 0;
  into.push(record);
  deps.recorder.record(record);
  traceAttempt(record, { model, finishReason });
  observeModelAttempt(labels, record);
}

export function failureFields(failure: Failure): Partial<AttemptRecord> & Pick<AttemptRecord, "outcome"> {
  return {
    outcome: failure.outcome,
    errorClass: failure.errorClass,
    httpStatus: failure.httpStatus,
    upstreamRequestId: failure.upstreamRequestId,
  };
}
