/**
 * Time of the text checks the chat lane runs on input, per message, over the corpus and the
 * splits (median of rounds): node --import tsx bench/checks/time-checks.ts
 */
import { loadCorpus } from "../../lib/brand/checks/corpus/evaluate-corpus";
import { runTextChecks } from "../../lib/brand/checks/run-text-checks";
import { DEMO_KIT } from "../../lib/brand/kit";
import { loadSplit } from "./evaluate-split";

const texts = [
  ...loadCorpus().map((i) => i.text),
  ...loadSplit("dev").map((i) => i.text),
  ...loadSplit("test").map((i) => i.text),
];
const ROUNDS = Number(process.argv[2] ?? 9);
for (const phase of ["input", "output"] as const) {
  const perText: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    // A distinct suffix per round, so no check answers from its one-entry cache.
    for (const text of texts)
      runTextChecks({ text: `${text} ${round}`, kit: DEMO_KIT, channel: "social", phase });
    perText.push(((performance.now() - started) * 1000) / texts.length);
  }
  perText.sort((a, b) => a - b);
  console.log(
    `${phase}: ${texts.length} texts, median ${perText[Math.floor(ROUNDS / 2)]!.toFixed(0)} µs per text (min ${perText[0]!.toFixed(0)}) over ${ROUNDS} rounds`,
  );
}
