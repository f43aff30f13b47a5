import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { assets, checkRuns, generations, modelLabels, models } from "@/db/schema";
import { runTextChecks } from "@/lib/brand/checks/run-text-checks";
import { getPublishedKit } from "@/lib/brand/kits/get-published-kit";
import { db, preparedQuery } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireBudgetLeft, withBudget } from "@/lib/budgets/hold-budget";
import { authorizeJob } from "@/lib/jobs/authorize-job";
import type { ParsedJobPayload } from "@/lib/jobs/contracts";
import { generate } from "@/lib/models/generate";
import { resolveRoute } from "@/lib/models/routing/resolve-route";
import { renderTemplate } from "@/lib/templates/engine/render-template";
import { validateSlots } from "@/lib/templates/validate-slots";
import { brandRenderContext } from "@/lib/templates/versions/brand-render-context";
import { getUsableTemplateVersion } from "@/lib/templates/versions/get-usable-template-version";
import { briefSchema, briefText } from "./brief";
import { buildPrompt, slotsSchema } from "./build-prompt";
import { withholdEcho } from "./withhold-echo";
import { startGenerationShadow } from "./start-generation-shadow";
import { checkSlots, type SlotValues } from "./check-slots";
import { finishGeneration } from "./finish-generation";
import { progressOf, type Progress } from "./record-step";
import { storeContent } from "./store-content";
import { contentTitle } from "./content-title";
import type { StoredGenerationRound } from "@/db/schema/json/rollout-state";
import type { ChatMessage } from "@/lib/models/providers/types";

// Built once per pool (lib/db.ts): each generation runs these, and drizzle would otherwise
// turn the builders into SQL text on every run.
const generationOf = preparedQuery((database) =>
  database
    .select()
    .from(generations)
    .where(eq(generations.id, sql.placeholder("id")))
    .prepare("generation_by_id"),
);
/** The brand's first generation model with a stable version: the one the pipeline uses. */
const generationModelOf = preparedQuery((database) =>
  database
    .select({ id: models.id })
    .from(models)
    .innerJoin(modelLabels, and(eq(modelLabels.modelId, models.id), eq(modelLabels.label, "stable")))
    .where(and(eq(models.brandId, sql.placeholder("brandId")), eq(models.kind, "generation")))
    .orderBy(models.createdAt)
    .limit(1)
    .prepare("generation_model"),
);

/** Model rounds before a piece that keeps failing its checks is blocked. */
export const MAX_ROUNDS = 3;

/**
 * The pipeline for one brief: input checks → prompt → route → generate → parse → output
 * checks and safe fixes (→ regenerate with the violations, up to MAX_ROUNDS) → render in the
 * approved template version → store the content item and its first revision → submit to
 * review. Every step is timed into `generations.steps`. Idempotent: a finished generation
 * is returned as it is.
 */
export async function runGeneration(
  payload: ParsedJobPayload<"runGeneration">,
  options: { finalAttempt: boolean } = { finalAttempt: true },
) {
  const [gen] = await generationOf().execute({ id: payload.generationId });
  if (!gen) throw new AppError("not_found", "No such generation");
  if (gen.status !== "queued" && gen.status !== "running") return { status: gen.status };
  // Everything after the read is inside the try: on the last attempt any error ends the
  // generation here, so only a worker that dies (or a job that expires) leaves it to
  // failDeadGenerations.
  const progress = progressOf(gen.id);
  try {
    const refusal = await refusalOf(payload.actor, gen.brandId);
    if (refusal) {
      // A refusal will not change on a retry (a revoked key stays revoked): end the generation
      // with the reason instead of leaving it queued, and do not throw (no retries).
      await finishGeneration(gen.id, "failed", { reasons: [refusal], phase: "authorization" });
      return { status: "failed" as const };
    }
    return await pipeline(gen, progress);
  } catch (err) {
    // The failed step and the rounds so far are kept either way: a retry appends to them.
    if (options.finalAttempt)
      await finishGeneration(gen.id, "failed", { reasons: [(err as Error).message] }, progress.take());
    else await progress.flush().catch(() => undefined);
    throw err;
  }
}

/** Why the job's actor may no longer run it, or null when it may. */
async function refusalOf(actor: ParsedJobPayload<"runGeneration">["actor"], brandId: string) {
  if (actor.kind !== "system" && actor.brandId !== brandId)
    return "The job's brand is not the generation's brand";
  try {
    await authorizeJob(actor, actor.kind === "system" ? "system" : "studio:use");
    // A spent budget will not come back on a retry either: queued work stops here.
    await requireBudgetLeft(brandId, actor.kind === "api_key" ? actor.keyId : null);
    return null;
  } catch (err) {
    if (err instanceof AppError && (err.code === "forbidden" || err.code === "budget_exceeded"))
      return err.message;
    throw err;
  }
}

async function pipeline(gen: typeof generations.$inferSelect, progress: Progress) {
  const template = await getUsableTemplateVersion(gen.brandId, gen.templateVersionId);
  const definition = template.definition;
  const channel = definition.channel;
  const published = await getPublishedKit(gen.brandId);
  if (!published) {
    await finishGeneration(
      gen.id,
      "blocked",
      { reasons: ["The brand has no published brand kit"] },
      progress.take(),
    );
    return { status: "blocked" as const };
  }
  const kit = published.kit;
  const brief = briefSchema.parse(gen.brief);

  const inputReasons = await progress.step("input-checks", async () => {
    const report = runTextChecks({ text: briefText(brief), kit, channel, phase: "input" });
    const reasons = report.blocked
      ? report.results.filter((r) => r.verdict === "fail").map((r) => `Brief: ${r.explanation}`)
      : [];
    if (gen.assetIds.length) {
      const runs = await db()
        .selectDistinctOn([checkRuns.subjectId], {
          subjectId: checkRuns.subjectId,
          blocked: checkRuns.blocked,
          name: assets.name,
        })
        .from(checkRuns)
        // The marketer knows an asset by the file name they gave it, not by its id.
        .leftJoin(assets, eq(assets.id, checkRuns.subjectId))
        .where(and(eq(checkRuns.subjectType, "asset"), inArray(checkRuns.subjectId, gen.assetIds)))
        .orderBy(checkRuns.subjectId, desc(checkRuns.createdAt));
      for (const run of runs)
        if (run.blocked) reasons.push(`Attached asset “${run.name ?? run.subjectId}” fails the brand kit`);
    }
    return reasons;
  });
  if (inputReasons.length) {
    await finishGeneration(gen.id, "blocked", { reasons: inputReasons, phase: "input" }, progress.take());
    return { status: "blocked" as const };
  }

  const context = await brandRenderContext(gen.brandId, kit);
  const [model] = await generationModelOf().execute({ brandId: gen.brandId });
  if (!model) throw new AppError("conflict", "The brand has no generation model with a stable version");
  const route = await progress.step("route", () =>
    resolveRoute({
      brandId: gen.brandId,
      modelId: model.id,
      unitKey: gen.unitKey ?? gen.id,
      principal: null,
    }),
  );

  let violations: string[] = [];
  const rounds: StoredGenerationRound[] = [];
  /** Shadow mode: the first round, once the primary's answer is known, is mirrored to the candidate. */
  const mirror = (messages: ChatMessage[], primaryOutput: unknown, primaryVersionId: string) => {
    if (!route.shadowVersionId) return;
    startGenerationShadow({
      generationId: gen.id,
      brandId: gen.brandId,
      modelId: model.id,
      shadowVersionId: route.shadowVersionId,
      // The version that answered (a fallback may have), so the pair compares what was served.
      primaryVersionId,
      messages,
      definition,
      kit,
      prompt: briefText(brief),
      primaryOutput: typeof primaryOutput === "string" ? primaryOutput : JSON.stringify(primaryOutput),
    });
  };
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const messages = await progress.step(
      "prompt",
      () =>
        buildPrompt({
          brandName: context.brand.name,
          kit,
          definition,
          brief,
          audience: gen.audience,
          violations,
        }),
      { round },
    );
    // Before the model call, the slow part: readers see the run and its steps so far.
    await progress.running();
    const result = await progress.step(
      "generate",
      () =>
        withBudget(
          {
            brandId: gen.brandId,
            apiKeyId: gen.apiKeyId,
            versionIds: [route.primaryVersionId, route.fallbackVersionId],
            promptTexts: messages.map((m) => m.content),
          },
          () =>
            generate({
              brandId: gen.brandId,
              target: { versionId: route.primaryVersionId },
              fallbackVersionId: route.fallbackVersionId,
              messages,
              responseFormat: { name: "slots", schema: slotsSchema(definition) },
              requestId: `gen-${gen.id}-r${round}`,
              apiKeyId: gen.apiKeyId,
            }),
        ),
      { round },
    );
    const parsed = result.parsed;
    const slotProblems = parsed
      ? validateSlots(definition.slots, parsed).errors.map((e) => e.message)
      : [`The answer was not the JSON asked for: ${result.parseIssue ?? "unreadable"}`];
    progress.add({
      name: "parse",
      status: slotProblems.length ? "failed" : "done",
      ms: 0,
      round,
      detail: slotProblems.join("; ") || undefined,
    });
    if (slotProblems.length) {
      if (round === 1) mirror(messages, withholdEcho(kit, result.text), result.versionId);
      violations = slotProblems;
      rounds.push({ round, versionId: result.versionId, text: withholdEcho(kit, result.text), violations });
      progress.setRounds(rounds);
      continue;
    }
    const checks = await progress.step(
      "output-checks",
      () => checkSlots({ slots: parsed as SlotValues, definition, kit, autoFix: true }),
      { round },
    );
    if (round === 1) mirror(messages, withholdEcho(kit, checks.slots), result.versionId);
    if (checks.fixed.length)
      progress.add({
        name: "auto-fix",
        status: "done",
        ms: 0,
        round,
        detail: `Fixed ${checks.fixed.join(", ")}`,
      });
    rounds.push({
      round,
      versionId: result.versionId,
      slots: withholdEcho(kit, checks.slots),
      fixed: checks.fixed,
      score: checks.score,
      violations: checks.violations,
    });
    progress.setRounds(rounds);
    if (checks.blocked) {
      violations = checks.violations;
      continue;
    }
    // Fixes may lengthen a slot (a longer preferred term): the template's bounds still rule.
    const afterFix = validateSlots(definition.slots, checks.slots).errors.map((e) => e.message);
    if (afterFix.length) {
      violations = afterFix;
      continue;
    }
    progress.add({
      name: "personalise",
      status: "skipped",
      ms: 0,
      detail: "One candidate generated; no personalisation model chosen for this brief",
    });
    const rendered = await progress.step("render", () => {
      const out = renderTemplate({
        definition,
        channel,
        slots: checks.slots,
        ...context,
      });
      if (out.slotErrors.length)
        throw new AppError("unprocessable", out.slotErrors.map((e) => e.message).join("; "));
      return out.parts;
    });
    const stored = await progress.step("store", () =>
      storeContent({
        generationId: gen.id,
        brandId: gen.brandId,
        templateId: template.template.id,
        channel,
        title: contentTitle(brief.summary, checks.slots),
        createdBy: gen.createdBy,
        apiKeyId: gen.apiKeyId,
        templateVersionId: template.versionId,
        kitVersionId: published.versionId,
        modelVersionId: result.versionId,
        checks,
        rendered,
        submit: gen.autoSubmit,
      }),
    );
    progress.add(
      stored?.submitted
        ? { name: "submit", status: "done", ms: 0, detail: "Submitted for review" }
        : {
            name: "submit",
            status: "skipped",
            ms: 0,
            detail: stored?.note
              ? `Saved as a draft: ${stored.note}`
              : "Saved as a draft for the author to review and submit",
          },
    );
    // The status turned succeeded inside the store; the generation is settled once these
    // last steps (up to `submit`) are written.
    await progress.flush();
    return { status: "succeeded" as const, ...stored };
  }
  await finishGeneration(
    gen.id,
    "blocked",
    {
      reasons: [`Still failing the brand's checks after ${MAX_ROUNDS} rounds`, ...violations],
      phase: "output",
    },
    progress.take(),
  );
  return { status: "blocked" as const };
}
