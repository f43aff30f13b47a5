/**
 * A scrape storm costs one read of the database state: concurrent scrapes share the read in
 * flight, later ones within STATE_CACHE_MS reuse it, and a failed read still lets the scrape
 * answer with what it had.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { stateReadErrors } from "@/lib/metrics/scrape";
import { expireStateMetrics, refreshStateMetrics, STATE_CACHE_MS } from "./refresh-state-metrics";
import { scrapeMetrics } from "./scrape-metrics";

const READERS = 5;

afterEach(() => {
  vi.restoreAllMocks();
  expireStateMetrics();
});

describe("refreshStateMetrics", () => {
  it("reads once for a burst of scrapes, then not again until the cache expires", async () => {
    expireStateMetrics();
    const execute = vi.spyOn(db(), "execute");
    await Promise.all(Array.from({ length: 50 }, () => scrapeMetrics(undefined)));
    expect(execute).toHaveBeenCalledTimes(READERS);
    await scrapeMetrics(undefined);
    expect(execute).toHaveBeenCalledTimes(READERS);
    await refreshStateMetrics(Date.now() + STATE_CACHE_MS);
    expect(execute).toHaveBeenCalledTimes(2 * READERS);
  });

  it("answers the scrape when the database cannot be read, and counts the failure", async () => {
    expireStateMetrics();
    const before = (await stateReadErrors.get()).values[0]?.value ?? 0;
    vi.spyOn(db(), "execute").mockRejectedValue(new Error("connection refused"));
    const scrape = await scrapeMetrics(undefined);
    expect(scrape.body).toContain("brandgate_jobs_queued");
    expect(scrape.body).toContain(`brandgate_metrics_state_read_errors_total ${before + 1}`);
  });
});
