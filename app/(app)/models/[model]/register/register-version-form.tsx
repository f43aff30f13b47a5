"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { ModelConnectionReport } from "@/lib/models/registry/test-model-connection";
import { Button, Input, Label, Select } from "../../../../_components/ui";
import { registerVersionAction, testConnectionAction } from "../../actions";

const PRESETS = {
  openai: { label: "OpenAI", baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini" },
  azure: {
    label: "Azure OpenAI",
    baseUrl: "https://YOUR-RESOURCE.openai.azure.com/openai/v1",
    model: "your-deployment",
  },
  custom: { label: "Any OpenAI-compatible URL (vLLM, Ollama, the built-in server…)", baseUrl: "", model: "" },
} as const;
type Preset = keyof typeof PRESETS;

interface Props {
  brandId: string;
  model: string;
  /** The built-in model server's address, offered for the custom preset. */
  builtinBaseUrl: string;
}

function fieldOf(details: unknown): string | undefined {
  if (Array.isArray(details)) return (details[0] as { path?: string } | undefined)?.path;
  return (details as { path?: string } | undefined)?.path;
}

/**
 * Register a generation version: endpoint, upstream model, secret (a key sealed on save, or a
 * BRANDGATE_PROVIDER_* variable), defaults and prices. "Test connection" runs the same check
 * registering runs, and shows the latency and the endpoint's exact error.
 */
export function RegisterVersionForm({ brandId, model, builtinBaseUrl }: Props) {
  const router = useRouter();
  const [preset, setPreset] = useState<Preset>("custom");
  const [baseUrl, setBaseUrl] = useState(builtinBaseUrl);
  const [upstreamModel, setUpstreamModel] = useState("brandgate-copy-1");
  const [secretKind, setSecretKind] = useState<"none" | "key" | "env">("none");
  const [report, setReport] = useState<ModelConnectionReport | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // Buttons read the form themselves: a form action would reset every uncontrolled field
  // (the key typed in, the version name) after "Test connection".
  const formRef = useRef<HTMLFormElement>(null);
  const formData = () => new FormData(formRef.current!);

  function choose(next: Preset) {
    setPreset(next);
    setBaseUrl(next === "custom" ? builtinBaseUrl : PRESETS[next].baseUrl);
    setUpstreamModel(next === "custom" ? "brandgate-copy-1" : PRESETS[next].model);
    setSecretKind(next === "custom" ? "none" : "key");
  }

  function connection(form: FormData) {
    const apiKey = String(form.get("apiKey") ?? "");
    const secretEnv = String(form.get("secretEnv") ?? "");
    return {
      baseUrl,
      upstreamModel,
      ...(secretKind === "key" && apiKey && { apiKey }),
      ...(secretKind === "env" && secretEnv && { secretEnv }),
    };
  }

  function onTest() {
    const form = formData();
    setError(null);
    setReport(null);
    startTransition(async () => {
      const result = await testConnectionAction({ brandId, ...connection(form) });
      if (result.ok) setReport(result.data);
      else setError({ message: result.error.message, field: fieldOf(result.error.details) });
    });
  }

  function onRegister() {
    const form = formData();
    if (!formRef.current!.reportValidity()) return;
    setError(null);
    startTransition(async () => {
      const num = (name: string) => {
        const raw = String(form.get(name) ?? "").trim();
        return raw === "" ? undefined : Number(raw);
      };
      const version = String(form.get("version") ?? "").trim();
      const result = await registerVersionAction({
        brandId,
        model,
        input: {
          ...connection(form),
          ...(version && { version }),
          temperature: num("temperature"),
          maxTokens: num("maxTokens"),
          jsonMode: String(form.get("jsonMode")) as "json_schema" | "json_object",
          priceInputPerMillion: num("priceIn"),
          priceOutputPerMillion: num("priceOut"),
          notes: String(form.get("notes") ?? ""),
        },
      });
      if (result.ok) {
        router.push(`/models/${result.data.model}/versions/${encodeURIComponent(result.data.version)}`);
      } else {
        setError({ message: result.error.message, field: fieldOf(result.error.details) });
      }
    });
  }

  const invalid = (field: string) => error?.field === field || report?.field === field;

  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        onRegister();
      }}
      className="grid gap-4 p-6 sm:grid-cols-2"
      aria-labelledby="register-title"
    >
      <h2 id="register-title" className="text-base font-semibold text-slate-900 sm:col-span-2">
        Register version
      </h2>
      <div className="sm:col-span-2">
        <Label htmlFor="preset">Provider</Label>
        <Select
          id="preset"
          value={preset}
          onChange={(e) => choose(e.target.value as Preset)}
          className="w-full"
        >
          {Object.entries(PRESETS).map(([key, p]) => (
            <option key={key} value={key}>
              {p.label}
            </option>
          ))}
        </Select>
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor="baseUrl">Base URL</Label>
        <Input
          id="baseUrl"
          name="baseUrl"
          type="url"
          required
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          aria-invalid={invalid("baseUrl")}
        />
      </div>
      <div>
        <Label htmlFor="upstreamModel">Upstream model</Label>
        <Input
          id="upstreamModel"
          name="upstreamModel"
          required
          value={upstreamModel}
          onChange={(e) => setUpstreamModel(e.target.value)}
          aria-invalid={invalid("upstreamModel")}
        />
      </div>
      <div>
        <Label htmlFor="version">Version name (optional)</Label>
        <Input id="version" name="version" placeholder="the next number" aria-invalid={invalid("version")} />
      </div>
      <fieldset className="sm:col-span-2">
        <legend className="text-sm font-medium text-slate-800">Secret</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {(
            [
              ["none", "None"],
              ["key", "API key (sealed, never shown again)"],
              ["env", "Server variable"],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="secretKind"
                value={value}
                checked={secretKind === value}
                onChange={() => setSecretKind(value)}
              />
              {text}
            </label>
          ))}
        </div>
        {secretKind === "key" && (
          <Input
            aria-label="API key"
            name="apiKey"
            type="password"
            autoComplete="off"
            className="mt-2"
            aria-invalid={invalid("apiKey")}
          />
        )}
        {secretKind === "env" && (
          <Input
            aria-label="Variable name"
            name="secretEnv"
            placeholder="BRANDGATE_PROVIDER_OPENAI"
            className="mt-2"
            aria-invalid={invalid("secretEnv")}
          />
        )}
      </fieldset>
      <div className="grid grid-cols-2 gap-4 sm:col-span-2 sm:grid-cols-5">
        <div>
          <Label htmlFor="temperature">Temperature</Label>
          <Input
            id="temperature"
            name="temperature"
            type="number"
            step="0.1"
            min={0}
            max={2}
            defaultValue={0.7}
          />
        </div>
        <div>
          <Label htmlFor="maxTokens">Max tokens</Label>
          <Input id="maxTokens" name="maxTokens" type="number" min={1} defaultValue={400} />
        </div>
        <div>
          <Label htmlFor="jsonMode">JSON output</Label>
          <Select id="jsonMode" name="jsonMode" defaultValue="json_schema" className="w-full">
            <option value="json_schema">JSON schema</option>
            <option value="json_object">JSON mode</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="priceIn">$ / M input</Label>
          <Input id="priceIn" name="priceIn" type="number" step="0.01" min={0} />
        </div>
        <div>
          <Label htmlFor="priceOut">$ / M output</Label>
          <Input id="priceOut" name="priceOut" type="number" step="0.01" min={0} />
        </div>
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor="notes">Notes</Label>
        <Input id="notes" name="notes" maxLength={2000} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="button" variant="secondary" onClick={onTest} disabled={pending}>
          Test connection
        </Button>
        <Button type="submit" disabled={pending}>
          Register version
        </Button>
        {pending && <span className="text-sm text-slate-700">Working…</span>}
      </div>
      <div aria-live="polite" className="sm:col-span-2">
        {report && report.ok && (
          <p className="text-sm text-green-900" data-testid="connection-result">
            Connected in {report.latencyMs} ms (completion {report.completion?.latencyMs} ms)
            {report.models
              ? ` · lists ${report.models.length} model${report.models.length === 1 ? "" : "s"}`
              : ""}
          </p>
        )}
        {report && !report.ok && (
          <p role="alert" className="text-sm text-red-900" data-testid="connection-result">
            {report.field}: {report.error?.message} ({report.latencyMs} ms)
          </p>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-900">
            {error.field ? `${error.field}: ` : ""}
            {error.message}
          </p>
        )}
      </div>
    </form>
  );
}
