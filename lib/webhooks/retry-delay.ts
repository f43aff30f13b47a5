const FACTOR = 3;
const MAX_DELAY_MS = 60 * 60 * 1000;

/**
 * Delay before the next attempt after `attempts` failures: base · 3^(attempts−1), capped at an
 * hour, times a jitter in [0.75, 1.25) so endpoints that failed together do not retry together.
 * With the default 2 s base and 8 attempts a delivery is given up after about 40 minutes.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, baseMs * FACTOR ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.75 + random() * 0.5));
}
