/** The message of the first field at fault, else the error's own message. */
export function fieldMessage(error: { message: string; details?: unknown }): string {
  const first = Array.isArray(error.details)
    ? (error.details[0] as { message?: unknown } | undefined)
    : undefined;
  return typeof first?.message === "string" ? first.message : error.message;
}
