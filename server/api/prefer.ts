import { AppError } from "@/lib/errors";

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function malformed(message: string): AppError {
  return new AppError("validation_failed", "The Prefer header is not valid", [
    { path: "headers.prefer", message },
  ]);
}

/**
 * The seconds asked for by `Prefer: wait=N` (RFC 7240 §4.3), or null when not asked. Other
 * preferences are ignored, as the RFC allows; a header that is not a preference list, or a
 * wait that is not a whole number from 0 to `max`, is a 400 naming the header.
 */
export function preferredWait(header: string | string[] | undefined, max: number): number | null {
  if (header === undefined) return null;
  let wait: number | null = null;
  for (const item of ([] as string[]).concat(header).join(",").split(",")) {
    const [pref] = item.split(";");
    const trimmed = pref!.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    const name = (eq < 0 ? trimmed : trimmed.slice(0, eq)).trim();
    const value =
      eq < 0
        ? null
        : trimmed
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, "$1");
    if (!TOKEN.test(name)) throw malformed(`"${trimmed.slice(0, 40)}" is not a preference`);
    if (name.toLowerCase() !== "wait") continue;
    if (value === null || !/^\d{1,5}$/.test(value) || Number(value) > max)
      throw malformed(`wait must be a whole number of seconds from 0 to ${max}`);
    wait = Number(value);
  }
  return wait;
}
