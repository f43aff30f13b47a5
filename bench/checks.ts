/**
 * Precision and recall of every text check on the labelled corpus (against DEMO_KIT), then
 * per category on the disguise and injection splits: the dev split (used while building) and
 * the held-out test split (written before the matching code and not tuned against).
 * Exits non-zero when a deterministic check falls below its floor, or the test split misses
 * its goals (0.95 precision and recall per category, no false positive on the control set).
 *   node --import tsx bench/checks.ts [--misses] [--dev-misses]
 *
 * `--misses` lists the corpus's misses and the dev split's; the test split's misses are never
 * printed, so that tuning cannot look at them.
 */
import {
  DETERMINISTIC_CHECKS,
  DETERMINISTIC_FLOOR,
  evaluateCorpus,
  loadCorpus,
} from "../lib/brand/checks/corpus/evaluate-corpus";
import { loadSplit, scoreSplit, type SplitScore } from "./checks/evaluate-split";

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
const SPLIT_GOAL = 0.95;

function printSplit(name: string, score: SplitScore): boolean {
  console.log(`\n${name} split: ${score.microsPerItem.toFixed(0)} µs per item for the three checks`);
  console.log(
    `${"category".padEnd(12)}${"items".padStart(6)}${"TP".padStart(5)}${"FP".padStart(5)}${"FN".padStart(5)}${"precision".padStart(11)}${"recall".padStart(9)}${"severity".padStart(10)}`,
  );
  let ok = true;
  for (const c of score.categories) {
    ok &&= c.precision >= SPLIT_GOAL && c.recall >= SPLIT_GOAL;
    console.log(
      `${c.category.padEnd(12)}${String(c.positives).padStart(6)}${String(c.truePositives).padStart(5)}${String(c.falsePositives).padStart(5)}${String(c.positives - c.truePositives).padStart(5)}${pct(c.precision).padStart(11)}${pct(c.recall).padStart(9)}${pct(c.exactSeverity / Math.max(1, c.positives)).padStart(10)}`,
    );
  }
  const langs = Object.entries(score.control.byLang)
    .map(([lang, [n, fp]]) => `${lang} ${fp}/${n}`)
    .join(", ");
  console.log(
    `control     ${score.control.sentences} sentences, ${score.control.falsePositives} flagged (${langs})`,
  );
  return ok && score.control.falsePositives === 0;
}

const dev = scoreSplit(loadSplit("dev"));
printSplit("dev", dev);
if (process.argv.includes("--misses")) {
  for (const c of dev.categories) {
    for (const m of c.missed) console.log(`[dev ${c.category} missed] ${m.kind}: ${JSON.stringify(m.text)}`);
    for (const m of c.wronglyFlagged) console.log(`[dev ${c.category} wrongly] ${JSON.stringify(m.text)}`);
  }
  for (const m of dev.controlMisses)
    console.log(`[dev control] ${m.checks.join(",")}: ${JSON.stringify(m.item.text)}`);
}
const testOk = printSplit("test (held out)", scoreSplit(loadSplit("test")));
if (!testOk)
  console.log(`\ntest split below its goals (${SPLIT_GOAL} per category, no control false positive)`);
process.exit(failed || !testOk ? 1 : 0);
