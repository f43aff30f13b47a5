import { readSecretVariable } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { testConnection, type ConnectionReport } from "../providers/test-connection";

export interface ConnectionFields {
  baseUrl: string;
  upstreamModel: string;
  apiKey?: string;
  secretEnv?: string;
}

/** Runs the connection test for parsed input; a variable that is not set fails on `secretEnv`. */
export async function checkConnection(input: ConnectionFields): Promise<ConnectionReport> {
  const apiKey = input.secretEnv ? readSecretVariable(input.secretEnv) : input.apiKey;
  if (input.secretEnv && apiKey === undefined) {
    return {
      ok: false,
      latencyMs: 0,
      models: null,
      completion: null,
      error: { field: "secret", message: `${input.secretEnv} is not set on this server` },
    };
  }
  return testConnection({ baseUrl: input.baseUrl, modelName: input.upstreamModel, apiKey: apiKey ?? null });
}

/** The input field a report's failure is about, as the caller named it. */
export function fieldOf(report: ConnectionReport, input: ConnectionFields): string {
  switch (report.error?.field) {
    case "secret":
      return input.secretEnv ? "secretEnv" : "apiKey";
    case "modelName":
      return "upstreamModel";
    default:
      return "baseUrl";
  }
}

/** 400 naming the field at fault, with the endpoint's own words; nothing has been stored. */
export function connectionError(report: ConnectionReport, input: ConnectionFields): AppError {
  const message = report.error?.message ?? "the connection test failed";
  return new AppError("validation_failed", `The connection test failed: ${message}`, [
    { path: fieldOf(report, input), message },
  ]);
}
