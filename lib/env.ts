/**
 * The one place that reads process.env. Everything else asks `getEnv()`.
 * A missing or malformed variable stops start-up with a message naming it.
 */
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const postgresUrl = z
  .string()
  .url()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    /** Unset: the launcher starts the embedded PGlite database and sets it for its children. */
    DATABASE_URL: postgresUrl.optional(),
    DB_POOL_MAX: int(1, 200).default(10),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: int(1, 65535).default(3000),
    /** The address users reach the app at; used for auth callbacks and links. */
    PUBLIC_URL: z.string().url().optional(),
    /** Signs and encrypts session tokens. The launcher creates one under DATA_DIR when unset. */
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /**
     * Keys the audit log's hash chain (HMAC). Unset, a key is derived from AUTH_SECRET; set it
     * to rotate AUTH_SECRET without losing the ability to verify old entries. Never in the database.
     */
    AUDIT_HMAC_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    /** Seed the demo brand and users on first start: `auto` does so only for the embedded database. */
    SEED_DEMO: z.enum(["auto", "true", "false"]).default("auto"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Trust X-Forwarded-For from a reverse proxy for the client address (login rate limits). */
    TRUST_PROXY: bool.default(false),
    /** When set, GET /api/metrics requires `Authorization: Bearer <token>`. */
    METRICS_TOKEN: z.string().min(16).optional(),
    MODEL_SERVER_PORT: int(1, 65535).default(11435),
    /** Base URL of the default generation model (the built-in server unless set). */
    MODEL_BASE_URL: z.string().url().optional(),
    /**
     * Lets admins point model versions at loopback and private addresses (a vLLM or Ollama on
     * your own network). Off, such base URLs are refused when saved and when called.
     */
    MODEL_ALLOW_PRIVATE_BASE_URLS: bool.default(false),
    /** Wrong passwords for one account from one address before that pair waits out the window. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1000).default(5),
    LOGIN_MAX_FAILURES_PER_ADDRESS: int(1, 10000).default(30),
    LOGIN_WINDOW_SECONDS: int(10, 86400).default(900),
    SESSION_MAX_AGE_SECONDS: int(300, 60 * 60 * 24 * 90).default(60 * 60 * 12),
    /** Where asset bytes live: `postgres` (default; shared by every instance) or `fs` under DATA_DIR/blobs. */
    ASSET_STORAGE: z.enum(["postgres", "fs"]).default("postgres"),
    /** Hard cap on one upload; larger bodies get 413 before they are read. */
    ASSET_MAX_UPLOAD_BYTES: int(1024, 100 * 1024 * 1024).default(10 * 1024 * 1024),
    WORKER_CONCURRENCY: int(1, 64).default(4),
    /** How long SIGTERM waits for running jobs before leaving them to be retried. */
    WORKER_SHUTDOWN_TIMEOUT_MS: int(0, 600000).default(20000),
    /**
     * When set, each worker serves its Prometheus metrics on this port (HOST's address, guarded by
     * METRICS_TOKEN like /api/metrics); 0 picks a free port, named in the "workers ready" line.
     */
    WORKER_METRICS_PORT: int(0, 65535).optional(),
    /** Lets webhooks target loopback and private addresses (tests, local receivers). Never in production. */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: bool.default(false),
    /** Delay before a failed webhook's first retry; each further retry waits 3× longer (with jitter), capped at an hour. */
    WEBHOOK_RETRY_BASE_MS: int(10, 3_600_000).default(2000),
    /** Attempts before a delivery is marked dead. */
    WEBHOOK_MAX_ATTEMPTS: int(1, 30).default(8),
    /** How long one webhook POST may take, connection to last byte. */
    WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(10_000),
    /** The shortest wait between a worker's sweeps for due webhook deliveries (workers/webhook-dispatcher.ts). */
    WEBHOOK_POLL_INTERVAL_MS: int(50, 60_000).default(1000),
    /**
     * OpenTelemetry: traces are exported over OTLP/HTTP to this base URL (`/v1/traces` is added)
     * when set. Unset, no SDK is loaded and spans cost a boolean check.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .string()
      .url()
      .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL (OTLP/HTTP)")
      .optional(),
    OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(["http/protobuf", "http/json"]).default("http/protobuf"),
    /** Extra export headers (a collector's API key), as `key=value,key2=value2`. */
    OTEL_EXPORTER_OTLP_HEADERS: z
      .string()
      .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, "must be key=value pairs separated by commas")
      .optional(),
    /** The `service.name` of every process; unset, each names itself (brandgate-web, brandgate-workers…). */
    OTEL_SERVICE_NAME: z.string().min(1).max(200).optional(),
    /**
     * The SMTP server notification emails go through, as `smtp://[user:pass@]host:port` (STARTTLS
     * when the server offers it) or `smtps://…` (TLS from the start). Unset, notifications stay
     * in the app. Holds credentials: never logged.
     */
    SMTP_URL: z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
      .optional(),
    /** The From of notification emails, as `Name <address>` or an address; required with SMTP_URL. */
    MAIL_FROM: z
      .string()
      .min(3)
      .max(320)
      .refine(
        (v) => /^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(v.trim()),
        "must be an email address",
      )
      .optional(),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
  })
  .superRefine((env, ctx) => {
    if (env.SMTP_URL && !env.MAIL_FROM)
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required when SMTP_URL is set" });
    const oidc = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
    const set = oidc.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < oidc.length) {
      for (const k of oidc.filter((k) => env[k] === undefined)) {
        ctx.addIssue({ code: "custom", path: [k], message: `is required when ${set.join(", ")} is set` });
      }
    }
  });

export type Env = z.infer<typeof envSchema> & { PUBLIC_URL: string; MODEL_BASE_URL: string };

export class EnvError extends Error {
  constructor(readonly variables: { name: string; message: string }[]) {
    super("Invalid environment:\n" + variables.map((v) => `  ${v.name}: ${v.message}`).join("\n"));
    this.name = "EnvError";
  }
}

/** Parses an environment; empty strings count as unset, as in most deployment tools. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => ({ name: String(i.path[0] ?? "environment"), message: i.message })),
    );
  }
  const env = result.data;
  return {
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    MODEL_BASE_URL: env.MODEL_BASE_URL ?? `http://127.0.0.1:${env.MODEL_SERVER_PORT}/v1`,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For the launcher and tests, which set variables for this process before anything reads them. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The variables a child process needs; the launcher passes these on. */
export function processEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}

export function requireDatabaseUrl(env: Env = getEnv()): string {
  if (!env.DATABASE_URL) {
    throw new EnvError([
      { name: "DATABASE_URL", message: "is required here (the launcher sets it in embedded mode)" },
    ]);
  }
  return env.DATABASE_URL;
}

/**
 * A model version may name only variables under this prefix as its API key. Anything else
 * in the server's environment (cloud credentials, HOME, Brandgate's own settings) would be
 * sent as a bearer token to whatever base URL the version points at.
 */
export const PROVIDER_SECRET_PREFIX = "BRANDGATE_PROVIDER_";
export const SECRET_VARIABLE_NAME = /^BRANDGATE_PROVIDER_[A-Z0-9][A-Z0-9_]{0,63}$/;

export function isAllowedSecretVariable(name: string): boolean {
  return SECRET_VARIABLE_NAME.test(name) && !(name in envSchema.shape);
}

/**
 * Reads a provider API key from the variable a model version names (`secret_env`).
 * Only `BRANDGATE_PROVIDER_*` names are read (checked again here, for rows saved before the
 * rule), so a version pointed at a hostile base URL cannot send the server's environment upstream.
 */
export function readSecretVariable(name: string): string | undefined {
  if (!isAllowedSecretVariable(name)) return undefined;
  const value = process.env[name];
  return value === "" ? undefined : value;
}

/** The secret the audit chain's HMAC key is derived from: AUDIT_HMAC_KEY, else AUTH_SECRET. */
export function auditChainSecret(env: Env = getEnv()): string {
  return env.AUDIT_HMAC_KEY ? `audit:${env.AUDIT_HMAC_KEY}` : `auth:${requireAuthSecret(env)}`;
}

export function requireAuthSecret(env: Env = getEnv()): string {
  if (!env.AUTH_SECRET) {
    throw new EnvError([
      { name: "AUTH_SECRET", message: "is required (the launcher creates one in embedded mode)" },
    ]);
  }
  return env.AUTH_SECRET;
}
