/**
 * What a chaos test needs around the product: a brand ready to generate (published kit, the
 * demo models, the starter templates, an admin), the built-in model server on loopback, and
 * worker processes it can start, kill and count.
 */
import { sql } from "drizzle-orm";
import type { UserPrincipal } from "@/lib/auth/principal";
import { DEMO_KIT } from "@/lib/brand/kit";
import { publishKitVersion } from "@/lib/brand/kits/publish-kit-version";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { db } from "@/lib/db";
import { createBuiltinModelServer } from "@/lib/models/builtin/create-builtin-server";
import { listen } from "@/lib/http/testing/listen";
import { seedDemoModels } from "@/lib/models/seed-demo-models";
import { listTemplates } from "@/lib/templates/versions/list-templates";
import { seedStarterTemplates } from "@/lib/templates/versions/seed-starter-templates";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { spawnEntry, type Spawned } from "@/test/spawn";

export interface Brand {
  brandId: string;
  admin: UserPrincipal;
  /** The approved social template version. */
  templateVersionId: string;
}

export async function createReadyBrand(name = "Chaos brand"): Promise<Brand> {
  const brandId = (await createBrand(name)).id;
  const admin = (await (await signedIn((await createUser(brandId, "admin")).id)).session())!;
  const kit = await saveKitVersion(admin, { brandId, baseVersion: null, content: DEMO_KIT });
  await publishKitVersion(admin, { brandId, versionId: kit.id });
  await seedDemoModels(db(), brandId);
  await seedStarterTemplates(db(), brandId, admin.user.id);
  const social = (await listTemplates(admin, brandId)).find((t) => t.template.channel === "social")!;
  return { brandId, admin, templateVersionId: social.versions[0]!.versionId };
}

/** The built-in model (`npm run model-server`) in this process, on a free loopback port. */
export async function startBuiltinModel() {
  return listen(createBuiltinModelServer());
}

/** Worker processes (`npm run workers`) with the run's database and the given settings. */
export function workerFleet(env: Record<string, string>) {
  const all: Spawned[] = [];
  return {
    all,
    start(extra: Record<string, string> = {}) {
      const worker = spawnEntry("workers/index.ts", { LOG_LEVEL: "info", ...env, ...extra });
      all.push(worker);
      return worker;
    },
    /** Kills what is still running, for afterAll. */
    async killAll() {
      for (const w of all)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
      await Promise.all(all.map((w) => w.exited));
    },
  };
}

/** One pg-boss queue's jobs by state. */
/** Job states in a queue; with `ids`, only those jobs (tests share one database per run). */
export async function jobStates(queue: string, ids?: Iterable<string>): Promise<Record<string, number>> {
  const only = ids ? [...ids] : null;
  const rows = await db().execute<{ state: string; n: number }>(
    only
      ? sql`select state::text as state, count(*)::int as n from pgboss.job where name = ${queue} and id::text in (${sql.join(
          only.map((id) => sql`${id}`),
          sql`, `,
        )}) group by state`
      : sql`select state::text as state, count(*)::int as n from pgboss.job where name = ${queue} group by state`,
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** "job done"/"job failed" lines the workers logged (pino JSON on stdout), per job id. */
export function workerLog(fleet: { all: Spawned[] }) {
  const lines: { msg: string; job?: string; name?: string; attempt?: number }[] = [];
  for (const w of fleet.all)
    for (const line of w.output().split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        lines.push(JSON.parse(line) as (typeof lines)[number]);
      } catch {
        // A line cut short by SIGKILL.
      }
    }
  return lines;
}

export const seconds = (ms: number) => (ms / 1000).toFixed(1);
