/**
 * Precision and recall of every text check on the labelled corpus (against DEMO_KIT).
 * Exits non-zero when a deterministic check falls below its floor.
 *   node --import tsx bench/checks.ts [--misses]
 */
import {
  DETERMINISTIC_CHECKS,
  DETERMINISTIC_FLOOR,
  evaluateCorpus,
  loadCorpus,
} from "../lib/brand/checks/corpus/evaluate-corpus";

const items = loadCorpus();
const started = performance.now();
const scores = evaluateCorpus(items);
const elapsed = performance.now() - started;
const deterministic = new Set<string>(DETERMINISTIC_CHECKS);
const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);

console.log(
  `corpus: ${items.length} examples, ${scores.reduce((n, s) => n + s.labelled, 0)} labels, ${elapsed.toFixed(0)} ms\n`,
);
console.log(
  `${"check".padEnd(22)}${"labels".padStart(7)}${"TP".padStart(5)}${"FP".padStart(5)}${"FN".padStart(5)}${"precision".padStart(11)}${"recall".padStart(9)}${"exact".padStart(9)}  floor`,
);
let failed = false;
for (const s of scores) {
  const floor = deterministic.has(s.checkId) ? DETERMINISTIC_FLOOR : undefined;
  const below = floor !== undefined && (s.precision < floor || s.recall < floor);
  failed ||= below;
  console.log(
    `${s.checkId.padEnd(22)}${String(s.labelled).padStart(7)}${String(s.truePositives).padStart(5)}${String(s.falsePositives).padStart(5)}${String(s.falseNegatives).padStart(5)}${pct(s.precision).padStart(11)}${pct(s.recall).padStart(9)}${pct(s.exactVerdicts / Math.max(1, s.labelled)).padStart(9)}  ${floor === undefined ? "-" : below ? `BELOW ${floor}` : `${floor}`}`,
  );
}
if (process.argv.includes("--misses")) {
  for (const s of scores)
    for (const m of s.misses)
      console.log(
        `\n[${s.checkId}] expected ${m.expected}, got ${m.got}: ${JSON.stringify(m.text.slice(0, 120))}`,
      );
}
process.exit(failed ? 1 : 0);
