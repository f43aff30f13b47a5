import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, parseOrThrow, toErrorBody } from "./errors";

describe("toErrorBody", () => {
  it("maps an AppError to its status and the envelope, with Retry-After", () => {
    const mapped = toErrorBody(new AppError("rate_limited", "Slow down", { retryAfter: 12 }, 12));
    expect(mapped.status).toBe(429);
    expect(mapped.headers["retry-after"]).toBe("12");
    expect(mapped.body).toEqual({
      error: { code: "rate_limited", message: "Slow down", details: { retryAfter: 12 } },
    });
  });

  it("names the field at fault in a validation error", () => {
    let caught: unknown;
    try {
      parseOrThrow(z.object({ brand: z.object({ name: z.string().min(1) }) }), { brand: { name: "" } });
    } catch (err) {
      caught = err;
    }
    const mapped = toErrorBody(caught);
    expect(mapped.status).toBe(400);
    expect(mapped.body.error.code).toBe("validation_failed");
    expect(mapped.body.error.details).toEqual([expect.objectContaining({ path: "brand.name" })]);
  });

  it("answers unknown errors with a generic 500 that leaks nothing", () => {
    const mapped = toErrorBody(new Error("password=hunter2 at db.internal:5432"), "req-123");
    expect(mapped.status).toBe(500);
    expect(mapped.unexpected).toBe(true);
    expect(JSON.stringify(mapped.body)).not.toContain("hunter2");
    expect(mapped.body.error.message).toContain("req-123");
  });
});
