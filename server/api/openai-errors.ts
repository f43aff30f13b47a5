import { z } from "zod";
import type { ErrorBody } from "@/lib/errors";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Errors on this route answer in OpenAI's shape (the chat lane), so OpenAI clients raise their own typed errors. */
    openaiErrors?: boolean;
  }
}

/** The chat lane's error envelope: OpenAI's four fields, plus Brandgate's details and the refusing checks. */
export const openAiErrorSchema = z
  .object({
    error: z.object({
      message: z.string(),
      type: z
        .string()
        .describe(
          "`invalid_request_error`, `permission_error`, `rate_limit_error`, `insufficient_quota` (a spent budget) or `server_error`",
        ),
      code: z
        .string()
        .describe(
          "`content_filter` when the brand's checks refused the request or withheld the answer, `invalid_api_key`, `model_not_found`, else Brandgate's error code",
        ),
      param: z.string().nullable().describe("The field at fault, where there is one"),
      checks: z
        .array(z.string())
        .optional()
        .describe("On `content_filter`: the ids of the checks that refused"),
      details: z.unknown().optional(),
    }),
  })
  .describe("OpenAI's error shape, so OpenAI clients raise their own typed errors");
export type OpenAiErrorBody = z.infer<typeof openAiErrorSchema>;

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "permission_error",
  404: "invalid_request_error",
  409: "invalid_request_error",
  413: "invalid_request_error",
  415: "invalid_request_error",
  422: "invalid_request_error",
  429: "rate_limit_error",
};

type Details = { path?: unknown; phase?: unknown; blockedBy?: unknown; results?: unknown } | undefined;

/** The field a refusal is about, as OpenAI names it (`messages.0.content`, `model`, a header). */
function paramOf(details: unknown): string | null {
  if (Array.isArray(details)) {
    const first = details[0] as { path?: unknown } | undefined;
    return typeof first?.path === "string" && first.path !== "" ? first.path.replace(/^body\./, "") : null;
  }
  const d = details as { path?: unknown; header?: unknown } | undefined;
  if (typeof d?.path === "string") return d.path;
  if (typeof d?.header === "string") return d.header;
  return null;
}

/** Which checks refused: the blocking ones if named, else every finding. */
function checksOf(details: Details): string[] {
  if (Array.isArray(details?.blockedBy) && details.blockedBy.length > 0) return details.blockedBy.map(String);
  if (Array.isArray(details?.results))
    return (details.results as { checkId?: unknown }[]).map((r) => String(r.checkId));
  return [];
}

/**
 * Brandgate's error envelope in OpenAI's: `message`, `type`, `code`, `param`. The openai
 * client picks its error class by status and reads these fields; a check refusal (input or
 * output) is `code: "content_filter"` with the check ids, as OpenAI's own filter answers.
 */
export function toOpenAiErrorBody(status: number, body: ErrorBody): OpenAiErrorBody {
  const { code, message, details } = body.error;
  const d = details as Details;
  const filtered = code === "unprocessable" && (d?.phase === "input" || d?.phase === "output");
  const param = paramOf(details);
  // A refused field says why in the message itself, as OpenAI's do: clients often show only that.
  const first = Array.isArray(details) ? (details[0] as { message?: unknown } | undefined) : undefined;
  const said = typeof first?.message === "string" ? `${first.message}${param ? ` (${param})` : ""}` : message;
  const openAiCode = filtered
    ? "content_filter"
    : code === "unauthorized"
      ? "invalid_api_key"
      : code === "not_found" && param === "model"
        ? "model_not_found"
        : code;
  return {
    error: {
      message: said,
      // A spent budget is OpenAI's `insufficient_quota`: what its clients already handle as "pay more".
      type:
        code === "budget_exceeded"
          ? "insufficient_quota"
          : (TYPE_BY_STATUS[status] ?? (status >= 500 ? "server_error" : "invalid_request_error")),
      code: openAiCode,
      param,
      ...(filtered && { checks: checksOf(d) }),
      ...(details !== undefined && { details }),
    },
  };
}
