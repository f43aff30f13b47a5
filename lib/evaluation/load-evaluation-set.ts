import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { evaluationBriefs } from "@/db/schema";
import { canonicalJson } from "@/lib/canonical-json";
import { db } from "@/lib/db";
import golden from "./golden-briefs.v1.json";

export interface EvaluationBriefSpec {
  /** `golden:<id>` or `brand:<row id>`: stable across runs, so reports can be compared. */
  id: string;
  /** A starter template key (templates/<key>). */
  template: string;
  summary: string;
  audience: unknown;
}

export interface EvaluationSet {
  /** `golden-briefs.v1@<sha256 prefix>`, plus `+brand@<prefix>` when the brand added briefs. */
  version: string;
  briefs: EvaluationBriefSpec[];
}

const hash = (value: unknown) => createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 12);

export const GOLDEN_BRIEFS: EvaluationBriefSpec[] = golden.briefs.map((b) => ({
  id: `golden:${b.id}`,
  template: b.template,
  summary: b.summary,
  audience: "audience" in b ? b.audience : null,
}));

export const GOLDEN_SET_VERSION = `${golden.name}@${hash(golden.briefs)}`;

/** The shipped golden briefs, then the brand's own in the order they were added. */
export async function loadEvaluationSet(brandId: string): Promise<EvaluationSet> {
  const rows = await db()
    .select()
    .from(evaluationBriefs)
    .where(eq(evaluationBriefs.brandId, brandId))
    .orderBy(asc(evaluationBriefs.createdAt), asc(evaluationBriefs.id));
  const own: EvaluationBriefSpec[] = rows.map((r) => ({
    id: `brand:${r.id}`,
    template: r.template,
    summary: r.summary,
    audience: r.audience ?? null,
  }));
  return {
    version: own.length ? `${GOLDEN_SET_VERSION}+brand@${hash(own)}` : GOLDEN_SET_VERSION,
    briefs: [...GOLDEN_BRIEFS, ...own],
  };
}
