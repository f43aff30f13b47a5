/**
 * Scores the disguise and injection splits (bench/checks/dev.json, bench/checks/test.json):
 * per category, precision and recall of the check that owns it, over every item of the split
 * (an item of another category or of the control set that the check flags is a false
 * positive), and the false positives on the control set per language.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { TEXT_CHECKS } from "../../lib/brand/checks/registry";
import { type BrandKit, DEMO_KIT } from "../../lib/brand/kit";

const CATEGORY_CHECK = {
  banned: "banned-terms",
  competitor: "competitor-names",
  injection: "prompt-injection",
} as const;
type Category = keyof typeof CATEGORY_CHECK;

const itemSchema = z.object({
  category: z.enum(["banned", "competitor", "injection", "control"]),
  kind: z.string(),
  lang: z.string(),
  text: z.string(),
  /** For injections: the verdict the signal deserves (block or warn). */
  verdict: z.enum(["fail", "warn"]).optional(),
});
export type SplitItem = z.infer<typeof itemSchema>;

export function loadSplit(name: "dev" | "test"): SplitItem[] {
  return z
    .array(itemSchema)
    .parse(JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), "utf8")));
}

export interface CategoryScore {
  category: Category;
  positives: number;
  truePositives: number;
  falsePositives: number;
  precision: number;
  recall: number;
  /** Positives whose verdict was the expected one (injections: block or warn). */
  exactSeverity: number;
  missed: SplitItem[];
  wronglyFlagged: SplitItem[];
}

export interface SplitScore {
  categories: CategoryScore[];
  control: { sentences: number; falsePositives: number; byLang: Record<string, [number, number]> };
  controlMisses: { item: SplitItem; checks: string[] }[];
  /** Mean time of the three checks per item, in microseconds. */
  microsPerItem: number;
}

export function scoreSplit(items: readonly SplitItem[], kit: BrandKit = DEMO_KIT): SplitScore {
  const checks = Object.values(CATEGORY_CHECK).map((id) => TEXT_CHECKS.find((c) => c.id === id)!);
  const verdicts: Record<string, string>[] = [];
  const started = performance.now();
  for (const item of items) {
    const phase = item.category === "injection" ? "input" : "output";
    const got: Record<string, string> = {};
    for (const check of checks)
      got[check.id] = check.evaluate({ text: item.text, channel: "social", phase }, kit).verdict;
    verdicts.push(got);
  }
  const microsPerItem = ((performance.now() - started) * 1000) / Math.max(1, items.length);
  const categories = (Object.keys(CATEGORY_CHECK) as Category[]).map((category) => {
    const checkId = CATEGORY_CHECK[category];
    const score: CategoryScore = {
      category,
      positives: 0,
      truePositives: 0,
      falsePositives: 0,
      precision: 1,
      recall: 1,
      exactSeverity: 0,
      missed: [],
      wronglyFlagged: [],
    };
    items.forEach((item, i) => {
      const verdict = verdicts[i]![checkId]!;
      const flagged = verdict !== "pass";
      if (item.category === category) {
        score.positives++;
        if (flagged) score.truePositives++;
        else score.missed.push(item);
        if (verdict === (item.verdict ?? "fail")) score.exactSeverity++;
      } else if (flagged) {
        score.falsePositives++;
        score.wronglyFlagged.push(item);
      }
    });
    const flagged = score.truePositives + score.falsePositives;
    score.precision = flagged === 0 ? 1 : score.truePositives / flagged;
    score.recall = score.positives === 0 ? 1 : score.truePositives / score.positives;
    return score;
  });
  const control = { sentences: 0, falsePositives: 0, byLang: {} as Record<string, [number, number]> };
  const controlMisses: SplitScore["controlMisses"] = [];
  items.forEach((item, i) => {
    if (item.category !== "control") return;
    const flaggedBy = Object.entries(verdicts[i]!)
      .filter(([, v]) => v !== "pass")
      .map(([id]) => id);
    const lang = (control.byLang[item.lang] ??= [0, 0]);
    control.sentences++;
    lang[0]++;
    if (flaggedBy.length > 0) {
      control.falsePositives++;
      lang[1]++;
      controlMisses.push({ item, checks: flaggedBy });
    }
  });
  return { categories, control, controlMisses, microsPerItem };
}
