import { setTimeout as sleep } from "node:timers/promises";
import type { Principal } from "@/lib/auth/principal";
import { getGenerationView, isSettled, type GenerationView } from "./generation-view";

/** How often an open event stream reads the row. */
export const EVENTS_POLL_MS = 200;

export interface GenerationEvent {
  /** Position in the generation's event list, from 1: what `Last-Event-ID` resumes after. */
  id: number;
  event: "status" | "step" | "succeeded" | "blocked" | "failed";
  data: unknown;
}

/**
 * The generation's history as events: queued, running (once it left the queue), one per
 * recorded step, and the terminal event carrying the whole view. Steps are only appended and
 * the status only moves forward, so a position names the same event on every read: ids are
 * positions, and resuming is skipping.
 */
export function eventsOf(view: GenerationView): GenerationEvent[] {
  const list: Omit<GenerationEvent, "id">[] = [{ event: "status", data: { status: "queued" } }];
  if (view.status !== "queued") list.push({ event: "status", data: { status: "running" } });
  view.steps.forEach((step, index) => list.push({ event: "step", data: { index, ...step } }));
  if (isSettled(view)) list.push({ event: view.status as "succeeded" | "blocked" | "failed", data: view });
  return list.map((e, i) => ({ id: i + 1, ...e }));
}

/**
 * The events after `after` as they happen, ending with the terminal one. The first read
 * happens now, so an unknown or other brand's generation fails before anything is streamed;
 * an abort (the client went away) stops the polling.
 */
export async function openGenerationEvents(
  principal: Principal | null,
  brandId: string,
  id: string,
  options: { after?: number; signal?: AbortSignal; pollMs?: number } = {},
): Promise<AsyncIterable<GenerationEvent>> {
  const first = await getGenerationView(principal, brandId, id);
  const { signal } = options;
  return (async function* () {
    let view = first;
    let sent = options.after ?? 0;
    for (;;) {
      for (const e of eventsOf(view)) {
        if (e.id <= sent) continue;
        yield e;
        sent = e.id;
      }
      if (isSettled(view) || signal?.aborted) return;
      await sleep(options.pollMs ?? EVENTS_POLL_MS, undefined, { signal }).catch(() => undefined);
      if (signal?.aborted) return;
      view = await getGenerationView(principal, brandId, id);
    }
  })();
}
