import type { BrandKit } from "@/lib/brand/kit";
import { buildPrompt, slotsSchema } from "@/lib/generation/build-prompt";
import { generate } from "@/lib/models/generate";
import type { TemplateDefinition } from "@/lib/templates/definition";
import type { GenerationMetrics } from "./compute-gates";
import type { EvaluationBriefSpec } from "./load-evaluation-set";
import { scoreOutput, type OutputScore } from "./score-output";

export interface BriefResult extends Partial<OutputScore> {
  briefId: string;
  latencyMs: number;
  /** Set when the version did not answer at all (after its retries). */
  error?: string;
  /** The start of the answer, shown beside stable's on the version page. */
  text?: string;
}

export interface MeasureOptions {
  brandId: string;
  brandName: string;
  kit: BrandKit;
  versionId: string;
  briefs: EvaluationBriefSpec[];
  definitions: Map<string, TemplateDefinition>;
  /** Ties request ids to the run, so the attempts in generation_attempts can be found. */
  evaluationId: string;
  /** Called after each brief, for the progress the status URL and the version page show. */
  onBrief?: () => Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Seed per brief, the same for every version, so two versions answer the same draw. */
export function briefSeed(briefId: string): number {
  let h = 2166136261;
  for (const c of briefId) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return (h >>> 0) % 2 ** 31;
}

/**
 * One version over the whole set, one brief at a time (the run is a measurement: latency
 * measured under self-inflicted concurrency would say more about the run than the model).
 * No fallback: a version that does not answer counts as a failed brief, not as stable's answer.
 */
export async function measureGenerationVersion(
  options: MeasureOptions,
): Promise<{ metrics: GenerationMetrics; results: BriefResult[] }> {
  const results: BriefResult[] = [];
  for (const brief of options.briefs) {
    const definition = options.definitions.get(brief.template);
    if (!definition) {
      results.push({ briefId: brief.id, latencyMs: 0, error: `No starter template "${brief.template}"` });
      continue;
    }
    const messages = buildPrompt({
      brandName: options.brandName,
      kit: options.kit,
      definition,
      brief: { summary: brief.summary, slots: {} },
      audience: brief.audience,
    });
    const started = performance.now();
    try {
      const answer = await generate({
        brandId: options.brandId,
        target: { versionId: options.versionId },
        messages,
        responseFormat: { name: "slots", schema: slotsSchema(definition) },
        requestId: `eval-${options.evaluationId}-${brief.id}`,
        seed: briefSeed(brief.id),
      });
      const latencyMs = Math.round(performance.now() - started);
      results.push({
        briefId: brief.id,
        latencyMs,
        text: answer.text.slice(0, 600),
        ...scoreOutput({ text: answer.text, definition, kit: options.kit }),
      });
    } catch (err) {
      const latencyMs = Math.round(performance.now() - started);
      results.push({ briefId: brief.id, latencyMs, error: (err as Error).message });
    }
    await options.onBrief?.();
  }
  const n = Math.max(1, results.length);
  const latencies = results.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    results,
    metrics: {
      briefs: results.length,
      passRate: results.filter((r) => r.compliant).length / n,
      meanScore: results.reduce((s, r) => s + (r.score ?? 0), 0) / n,
      lengthFit: results.filter((r) => r.lengthFit).length / n,
      p50LatencyMs: percentile(latencies, 0.5),
      p95LatencyMs: percentile(latencies, 0.95),
      meanChars: Math.round(results.reduce((s, r) => s + (r.chars ?? 0), 0) / n),
    },
  };
}
