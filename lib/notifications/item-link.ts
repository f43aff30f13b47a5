import { getEnv } from "@/lib/env";

/**
 * The absolute address of an item for a notice: its review page for reviewers, its library
 * page for its author. PUBLIC_URL is where users reach the app (lib/env.ts).
 */
export function itemLink(contentItemId: string, view: "review" | "library"): string {
  return new URL(`/${view}/${contentItemId}`, getEnv().PUBLIC_URL).toString();
}
