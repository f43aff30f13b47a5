import { setTimeout as sleep } from "node:timers/promises";
import type { Principal } from "@/lib/auth/principal";
import { getGenerationView, isSettled, type GenerationView } from "./generation-view";

/** How often a waiting request reads the row: cheap (one indexed read), and well under human notice. */
export const WAIT_POLL_MS = 150;

/**
 * The generation once it has finished, or as it stands when `waitMs` runs out (or `signal`
 * aborts: the client went away). Polls the row rather than holding a LISTEN connection, so a
 * waiting request costs no dedicated database connection and works on any instance.
 */
export async function waitForGeneration(
  principal: Principal | null,
  brandId: string,
  id: string,
  options: { waitMs: number; signal?: AbortSignal; pollMs?: number },
): Promise<GenerationView> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const view = await getGenerationView(principal, brandId, id);
    const left = deadline - Date.now();
    if (isSettled(view) || left <= 0 || options.signal?.aborted) return view;
    await sleep(Math.min(options.pollMs ?? WAIT_POLL_MS, left)).catch(() => undefined);
  }
}
