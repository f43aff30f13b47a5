#!/usr/bin/env node
/**
 * The Brandgate command line for pipelines. It talks only to the REST API (/api/v1) of a
 * running Brandgate, with BRANDGATE_URL and BRANDGATE_API_KEY (a key with the `models:write`
 * scope) from the environment. Plain JavaScript with no dependencies, so `npx brandgate`
 * runs on any Node >= 20 without a build or a TypeScript loader.
 *
 *   brandgate models register --model <slug> --version <v> --base-url <url> --upstream-model <name>
 *             [--secret-env BRANDGATE_PROVIDER_X | --api-key-env LOCAL_VAR] [--temperature 0.7]
 *             [--max-tokens 400] [--json-mode json_schema|json_object] [--price-input 0.15]
 *             [--price-output 0.6] [--notes "…"] [--wait] [--timeout 1800]
 *   brandgate models status --model <slug> --version <v>
 *   brandgate models rollback --model <slug> [--reason "…"]
 *   brandgate models list
 *
 * Exit codes: 0 done (with --wait: the version passed its evaluation), 1 the version was
 * rejected or its evaluation broke, 2 bad usage or a refused request, 3 --wait timed out.
 */
import { parseArgs } from "node:util";

const USAGE = `usage:
  brandgate models register --model <slug> --version <v> --base-url <url> --upstream-model <name>
            [--secret-env BRANDGATE_PROVIDER_X | --api-key-env LOCAL_VAR] [--temperature n] [--max-tokens n]
            [--json-mode json_schema|json_object] [--price-input n] [--price-output n] [--notes text]
            [--wait] [--timeout seconds]
  brandgate models status --model <slug> --version <v>
  brandgate models rollback --model <slug> [--reason text]
  brandgate models list
environment: BRANDGATE_URL (e.g. https://brandgate.example.com), BRANDGATE_API_KEY (scope models:write)`;

class CliError extends Error {
  constructor(message, code = 2) {
    super(message);
    this.exitCode = code;
  }
}

const options = {
  model: { type: "string" },
  version: { type: "string" },
  "base-url": { type: "string" },
  "upstream-model": { type: "string" },
  "secret-env": { type: "string" },
  "api-key-env": { type: "string" },
  temperature: { type: "string" },
  "max-tokens": { type: "string" },
  "json-mode": { type: "string" },
  "price-input": { type: "string" },
  "price-output": { type: "string" },
  notes: { type: "string" },
  reason: { type: "string" },
  wait: { type: "boolean", default: false },
  timeout: { type: "string", default: "1800" },
  interval: { type: "string", default: "2" },
  help: { type: "boolean", short: "h", default: false },
};

function settings() {
  const url = process.env.BRANDGATE_URL;
  const key = process.env.BRANDGATE_API_KEY;
  if (!url) throw new CliError("BRANDGATE_URL is not set (the Brandgate base URL)");
  if (!key) throw new CliError("BRANDGATE_API_KEY is not set (an API key with the models:write scope)");
  return { url: url.replace(/\/+$/, ""), key };
}

async function request(method, path, body) {
  const { url, key } = settings();
  let res;
  try {
    res = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        accept: "application/json",
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new CliError(`cannot reach ${url}: ${err.cause?.code ?? err.message}`);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const error = json?.error;
    const fields = Array.isArray(error?.details)
      ? error.details.map((d) => `\n  ${d.path}: ${d.message}`).join("")
      : error?.details?.path
        ? `\n  ${error.details.path}`
        : "";
    throw new CliError(
      `${res.status} ${error?.code ?? ""}: ${error?.message ?? text.slice(0, 300)}${fields}`,
    );
  }
  return { status: res.status, location: res.headers.get("location"), body: json };
}

const need = (values, name) => {
  if (values[name] === undefined || values[name] === "")
    throw new CliError(`--${name} is required\n${USAGE}`);
  return values[name];
};
const number = (values, name) => {
  if (values[name] === undefined) return undefined;
  const n = Number(values[name]);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number`);
  return n;
};
const path = (model, version) =>
  `/api/v1/models/${encodeURIComponent(model)}${version === undefined ? "" : `/versions/${encodeURIComponent(version)}`}`;

function describe(status) {
  const lines = [`${status.model} ${status.version}: ${status.state}`];
  if (status.rollout)
    lines.push(`  canary: ${status.rollout.weight}% of traffic (rollout ${status.rollout.id})`);
  if (status.evaluation?.summary) lines.push(`  ${status.evaluation.summary}`);
  for (const gate of status.evaluation?.gates ?? []) {
    if (!gate.passed)
      lines.push(`  failed gate: ${gate.name} = ${gate.value ?? "n/a"} (needs ${gate.op} ${gate.threshold})`);
  }
  return lines.join("\n");
}

async function wait(statusUrl, values) {
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const interval = Math.max(0.1, Number(values.interval)) * 1000;
  let last = "";
  for (;;) {
    const { body } = await request("GET", statusUrl);
    if (body.state !== "evaluating") return body;
    const progress = body.progress?.total ? `${body.progress.done}/${body.progress.total} briefs` : "queued";
    if (progress !== last) console.log(`evaluating: ${progress}`);
    last = progress;
    if (Date.now() > deadline) throw new CliError(`still evaluating after ${values.timeout} s`, 3);
    await new Promise((r) => setTimeout(r, interval));
  }
}

async function register(values) {
  const model = need(values, "model");
  const apiKeyEnv = values["api-key-env"];
  if (apiKeyEnv && values["secret-env"]) throw new CliError("give --secret-env or --api-key-env, not both");
  const apiKey = apiKeyEnv ? process.env[apiKeyEnv] : undefined;
  if (apiKeyEnv && !apiKey) throw new CliError(`${apiKeyEnv} is not set in this environment`);
  const body = {
    version: need(values, "version"),
    baseUrl: need(values, "base-url"),
    upstreamModel: need(values, "upstream-model"),
    ...(values["secret-env"] && { secretEnv: values["secret-env"] }),
    ...(apiKey && { apiKey }),
    ...(values["json-mode"] && { jsonMode: values["json-mode"] }),
    ...(values.notes && { notes: values.notes }),
  };
  for (const [flag, field] of [
    ["temperature", "temperature"],
    ["max-tokens", "maxTokens"],
    ["price-input", "priceInputPerMillion"],
    ["price-output", "priceOutputPerMillion"],
  ]) {
    const n = number(values, flag);
    if (n !== undefined) body[field] = n;
  }
  const res = await request("POST", `${path(model)}/versions`, body);
  const statusUrl = res.location ?? res.body.statusUrl;
  console.log(
    `registered ${res.body.model} ${res.body.version} (#${res.body.number}); connection ok in ${res.body.connection.latencyMs} ms`,
  );
  console.log(`status: ${settings().url}${statusUrl}`);
  if (!values.wait) return 0;
  const status = await wait(statusUrl, values);
  const ok = status.state === "ready" || status.state === "canary" || status.state === "stable";
  (ok ? console.log : console.error)(describe(status));
  return ok ? 0 : 1;
}

async function main(argv) {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const [group, command] = positionals;
  if (group !== "models") throw new CliError(`unknown command "${group}"\n${USAGE}`);
  switch (command) {
    case "register":
      return register(values);
    case "status": {
      const { body } = await request("GET", path(need(values, "model"), need(values, "version")));
      console.log(describe(body));
      return body.state === "rejected" || body.state === "error" ? 1 : 0;
    }
    case "rollback": {
      const { body } = await request("POST", `${path(need(values, "model"))}/rollback`, {
        ...(values.reason && { reason: values.reason }),
      });
      console.log(
        body.abortedRolloutId
          ? `aborted rollout ${body.abortedRolloutId}; stable stays ${body.stable.to}`
          : `stable moved back from ${body.stable.from} to ${body.stable.to}`,
      );
      return 0;
    }
    case "list": {
      const { body } = await request("GET", "/api/v1/models");
      for (const m of body.data) {
        const labels = Object.entries(m.labels)
          .map(([l, v]) => `${l}=${v}`)
          .join(" ");
        console.log(`${m.id}\t${m.kind}\t${labels}\t${m.versions.length} versions`);
      }
      return 0;
    }
    default:
      throw new CliError(`unknown command "models ${command ?? ""}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`brandgate: ${err.message}`);
    process.exit(err instanceof CliError ? err.exitCode : 2);
  },
);
