import { createHmac } from "node:crypto";
import { requireAuthSecret } from "@/lib/env";

/**
 * Where the candidate's answer is shown to this reviewer for this pair, A or B. Keyed by the
 * server's secret, so the page carries nothing the order could be read from (the ids alone do
 * not give it away), and every instance shows and maps the same order without storing it.
 * About half the pairs put the candidate first, for each reviewer.
 */
export function candidatePosition(shadowOutputId: string, reviewerId: string): "A" | "B" {
  const digest = createHmac("sha256", `blind-comparison:${requireAuthSecret()}`)
    .update(`${shadowOutputId}:${reviewerId}`)
    .digest();
  return (digest[0]! & 1) === 0 ? "A" : "B";
}
