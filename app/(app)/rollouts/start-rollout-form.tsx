"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button, Input, Label, Select } from "../../_components/ui";
import { startRolloutAction } from "./actions";

export interface ModelChoice {
  id: string;
  name: string;
  kind: "generation" | "personalisation";
  stableVersion: number | null;
  versions: { id: string; version: number; detail: string; stable: boolean; rejected: boolean }[];
}

interface FieldError {
  path: string;
  message: string;
}

interface Step {
  weight: string;
  minSamplesPerArm: string;
  minDurationMinutes: string;
}

const STRATEGIES = [
  { value: "canary", label: "Canary (stepped)" },
  { value: "ab", label: "A/B (fixed split)" },
  { value: "shadow", label: "Shadow (mirror, serves none)" },
  { value: "blue_green", label: "Blue-green (switch all)" },
] as const;

const DEFAULT_STEPS: Step[] = [
  { weight: "10", minSamplesPerArm: "1000", minDurationMinutes: "30" },
  { weight: "50", minSamplesPerArm: "1000", minDurationMinutes: "60" },
];

/** The field's message, shown under it and tied to it by aria-describedby. */
function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="mt-1 text-xs text-red-900 empty:hidden">
      {message}
    </p>
  );
}

/** A labelled number input tied to its error message by the lib's field path. */
function NumberField({
  id,
  label,
  path,
  error,
  ...input
}: {
  id: string;
  label: string;
  path: string;
  error?: string;
} & Omit<React.ComponentProps<typeof Input>, "id" | "type">) {
  return (
    <>
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="number" aria-invalid={!!error} aria-describedby={`err-${path}`} {...input} />
      <FieldError id={`err-${path}`} message={error} />
    </>
  );
}

/** Starts a rollout; the lib validates the config and names the field at fault. */
export function StartRolloutForm({
  brandId,
  models,
  metrics,
}: {
  brandId: string;
  models: ModelChoice[];
  /** Passed from the server so the metric table stays one list. */
  metrics: { id: string; label: string; group: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [modelId, setModelId] = useState(models[0]?.id ?? "");
  const [strategy, setStrategy] = useState<(typeof STRATEGIES)[number]["value"]>("canary");
  const [steps, setSteps] = useState<Step[]>(DEFAULT_STEPS);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const model = models.find((m) => m.id === modelId);
  const candidates = model?.versions.filter((v) => !v.stable) ?? [];
  const fieldError = (path: string) => fieldErrors.find((e) => e.path === path)?.message;
  const invalid = (path: string) => ({
    "aria-invalid": !!fieldError(path),
    "aria-describedby": `err-${path}`,
  });

  function setStep(i: number, key: keyof Step, value: string) {
    setSteps((s) => s.map((step, j) => (j === i ? { ...step, [key]: value } : step)));
  }

  // onSubmit rather than a form action: React resets a form after its action runs, which
  // would wipe what the admin typed just when a field error asks them to fix one value.
  function onStart(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    setFieldErrors([]);
    const num = (name: string) => Number(form.get(name));
    const tolerance = String(form.get("guardrailTolerance") ?? "");
    const guardrailMetric = String(form.get("guardrailMetric") ?? "");
    startTransition(async () => {
      const result = await startRolloutAction({
        brandId,
        modelId,
        candidateVersionId: String(form.get("candidateVersionId") ?? ""),
        strategy,
        config: {
          ...(strategy === "canary" && {
            steps: steps.map((s) => ({
              weight: Number(s.weight),
              minSamplesPerArm: Number(s.minSamplesPerArm),
              minDurationMinutes: Number(s.minDurationMinutes),
            })),
          }),
          ...(strategy === "ab" && { abWeight: num("abWeight") }),
          primaryMetric: String(form.get("primaryMetric")) as never,
          guardrails: guardrailMetric
            ? [{ metric: guardrailMetric as never, tolerance: Number(tolerance) }]
            : [],
          alpha: num("alpha"),
          intervalSeconds: num("intervalSeconds"),
          pauseForHumanWhenInconclusive: form.get("pauseForHuman") === "on",
        },
      });
      if (result.ok) {
        router.push(`/rollouts/${result.data.id}`);
        return;
      }
      setError(result.error.message);
      if (Array.isArray(result.error.details)) setFieldErrors(result.error.details as FieldError[]);
    });
  }

  if (models.length === 0) return <p className="p-6 text-sm text-slate-700">No models to roll out.</p>;

  return (
    <form onSubmit={onStart} className="grid gap-4 p-6 sm:grid-cols-2" aria-labelledby="start-rollout-title">
      <h2 id="start-rollout-title" className="text-base font-semibold text-slate-900 sm:col-span-2">
        Start rollout
      </h2>
      <div>
        <Label htmlFor="rollout-model">Model</Label>
        <Select
          id="rollout-model"
          className="w-full"
          value={modelId}
          onChange={(e) => setModelId(e.target.value)}
          {...invalid("modelId")}
        >
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name} ({m.kind}
              {m.stableVersion ? `, stable v${m.stableVersion}` : ", no stable version"})
            </option>
          ))}
        </Select>
        <FieldError id="err-modelId" message={fieldError("modelId")} />
      </div>
      <div>
        <Label htmlFor="rollout-candidate">Candidate version</Label>
        <Select
          id="rollout-candidate"
          name="candidateVersionId"
          className="w-full"
          key={modelId}
          defaultValue={candidates.find((v) => !v.rejected)?.id}
          {...invalid("candidateVersionId")}
        >
          {candidates.map((v) => (
            <option key={v.id} value={v.id} disabled={v.rejected}>
              v{v.version} · {v.detail}
              {v.rejected ? " (rejected by its evaluation)" : ""}
            </option>
          ))}
        </Select>
        <FieldError id="err-candidateVersionId" message={fieldError("candidateVersionId")} />
      </div>
      <div>
        <Label htmlFor="rollout-strategy">Strategy</Label>
        <Select
          id="rollout-strategy"
          className="w-full"
          value={strategy}
          onChange={(e) => setStrategy(e.target.value as typeof strategy)}
          {...invalid("strategy")}
        >
          {STRATEGIES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </Select>
        <FieldError id="err-strategy" message={fieldError("strategy")} />
      </div>
      {strategy === "ab" && (
        <div>
          <NumberField
            id="rollout-ab-weight"
            label="A/B weight (% on the candidate)"
            path="config.abWeight"
            error={fieldError("config.abWeight")}
            name="abWeight"
            min={1}
            max={99}
            defaultValue={50}
          />
        </div>
      )}
      {strategy === "canary" && (
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">Canary steps</legend>
          <FieldError id="err-config.steps" message={fieldError("config.steps")} />
          <ol className="mt-2 space-y-2">
            {steps.map((s, i) => (
              <li key={i} className="flex flex-wrap items-start gap-3">
                {(
                  [
                    ["weight", "Weight (%)"],
                    ["minSamplesPerArm", "Min samples per arm"],
                    ["minDurationMinutes", "Min minutes"],
                  ] as const
                ).map(([key, label]) => {
                  const path = `config.steps.${i}.${key}`;
                  return (
                    <div key={key} className="w-40">
                      <NumberField
                        id={`step-${i}-${key}`}
                        label={`Step ${i + 1} ${label.toLowerCase()}`}
                        path={path}
                        error={fieldError(path)}
                        value={s[key]}
                        onChange={(e) => setStep(i, key, e.target.value)}
                      />
                    </div>
                  );
                })}
                <Button
                  type="button"
                  variant="ghost"
                  className="mt-6"
                  disabled={steps.length === 1}
                  onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                >
                  Remove step {i + 1}
                </Button>
              </li>
            ))}
          </ol>
          <Button
            type="button"
            variant="secondary"
            className="mt-2"
            onClick={() =>
              setSteps((all) => [
                ...all,
                { weight: "100", minSamplesPerArm: "1000", minDurationMinutes: "60" },
              ])
            }
          >
            Add step
          </Button>
        </fieldset>
      )}
      <div>
        <Label htmlFor="rollout-primary">Primary metric</Label>
        <Select
          id="rollout-primary"
          name="primaryMetric"
          className="w-full"
          defaultValue="check_pass_rate"
          {...invalid("config.primaryMetric")}
        >
          {metrics.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label} ({m.group})
            </option>
          ))}
        </Select>
        <FieldError id="err-config.primaryMetric" message={fieldError("config.primaryMetric")} />
      </div>
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="text-sm font-medium text-slate-800">Guardrail</legend>
        <div>
          <Label htmlFor="rollout-guardrail">Metric</Label>
          <Select
            id="rollout-guardrail"
            name="guardrailMetric"
            className="w-full"
            defaultValue="error_rate"
            {...invalid("config.guardrails.0.metric")}
          >
            <option value="">None</option>
            {metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </Select>
          <FieldError
            id="err-config.guardrails.0.metric"
            message={fieldError("config.guardrails.0.metric")}
          />
        </div>
        <div>
          <NumberField
            id="rollout-tolerance"
            label="Tolerance"
            path="config.guardrails.0.tolerance"
            error={fieldError("config.guardrails.0.tolerance")}
            name="guardrailTolerance"
            step="any"
            min={0}
            defaultValue={0.02}
          />
        </div>
      </fieldset>
      <div>
        <NumberField
          id="rollout-alpha"
          label="α (false-decision rate)"
          path="config.alpha"
          error={fieldError("config.alpha")}
          name="alpha"
          step="any"
          defaultValue={0.05}
        />
      </div>
      <div>
        <NumberField
          id="rollout-interval"
          label="Look every (seconds)"
          path="config.intervalSeconds"
          error={fieldError("config.intervalSeconds")}
          name="intervalSeconds"
          defaultValue={300}
        />
      </div>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id="rollout-pause" name="pauseForHuman" type="checkbox" className="h-4 w-4" />
        <Label htmlFor="rollout-pause">Pause for a person when the last step stays inconclusive</Label>
      </div>
      <div className="flex items-center gap-3 sm:col-span-2" aria-live="polite">
        <Button type="submit" disabled={pending || candidates.length === 0}>
          Start rollout
        </Button>
        {error && (
          <p role="alert" className="text-sm text-red-900">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
