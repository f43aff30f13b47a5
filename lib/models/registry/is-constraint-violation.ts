/** postgres.js reports SQLSTATE as `code`; drizzle wraps it in `cause`. */
export function isConstraintViolation(err: unknown, sqlState: "23505" | "23503"): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === sqlState) return true;
  }
  return false;
}

/** The name of the constraint or index a violation hit, when the driver says. */
export function violatedConstraint(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const name = (e as { constraint_name?: unknown }).constraint_name;
    if (typeof name === "string") return name;
  }
  return undefined;
}
