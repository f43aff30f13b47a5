/**
 * On PostgreSQL the product runs as a login role holding only `brandgate_runtime`
 * (db/migrations/0023_runtime_role.sql), not as the owner that migrates: with the application's
 * own connection, an attacker who can run SQL cannot switch the audit log's append-only trigger
 * off (`session_replication_role` is superuser-only, disabling a trigger is owner-only) nor
 * rewrite, delete or truncate entries — while everything the product does at run time still
 * works. (The embedded database is one session of one superuser: there, the password and file
 * modes guard it instead, so these run on PostgreSQL only: `npm run test:db`.)
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appendAudit } from "@/lib/audit/append-audit";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { DEMO_KIT } from "@/lib/brand/kit";
import { saveKitVersion } from "@/lib/brand/kits/save-kit-version";
import { closeDb, db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { createBoss } from "@/lib/jobs/boss";
import { JOBS } from "@/lib/jobs/contracts";
import { createBrand, createUser, signedIn } from "@/test/factories";

const ownerUrl = inject("databaseUrl");
const role = `brandgate_test_app_${randomBytes(4).toString("hex")}`;

/** The error code PostgreSQL answers a statement with, or "allowed". */
const outcome = (statement: ReturnType<typeof sql>) =>
  db()
    .execute(statement)
    .then(
      () => "allowed",
      (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? String(err.message),
    );

describe.skipIf(inject("embeddedDatabase"))("the runtime role on PostgreSQL", () => {
  beforeAll(async () => {
    const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    const password = randomBytes(18).toString("hex");
    await owner.unsafe(`create role ${role} login password '${password}' in role brandgate_runtime`);
    await owner.end();
    const url = new URL(ownerUrl);
    url.username = role;
    url.password = password;
    // From here on, every lib call in this file (db()) connects as the runtime's login role.
    await closeDb();
    process.env.DATABASE_URL = url.toString();
    resetEnvCache();
    await appendAudit(db(), {
      brandId: null,
      actor: { kind: "system", reason: "test" },
      action: "test.runtime-role",
      target: { type: "test", id: role },
    });
  });
  afterAll(async () => {
    await closeDb();
    process.env.DATABASE_URL = ownerUrl;
    resetEnvCache();
    const owner = postgres(ownerUrl, { max: 1, onnotice: () => {} });
    await owner.unsafe(`drop role if exists ${role}`);
    await owner.end();
  });

  it("is neither superuser nor owner of the audit log", async () => {
    const [me] = await db().execute<{ superuser: boolean; owns: boolean }>(
      sql`select rolsuper as superuser,
                 pg_has_role(current_user, (select tableowner from pg_tables where tablename = 'audit_entries'), 'USAGE') as owns
          from pg_roles where rolname = current_user`,
    );
    expect(me).toEqual({ superuser: false, owns: false });
  });

  it("cannot switch the append-only trigger off", async () => {
    expect(await outcome(sql`set session_replication_role = replica`)).toBe("42501");
    expect(await outcome(sql`alter table audit_entries disable trigger user`)).toBe("42501");
    expect(await outcome(sql`alter table audit_entries disable trigger all`)).toBe("42501");
  });

  it("cannot rewrite, delete or truncate audit entries", async () => {
    // Refused by privilege, not only by the trigger (which answers the same code, and is what a
    // superuser or the owner could switch off).
    const [rights] = await db().execute<Record<string, boolean>>(
      sql`select has_table_privilege('audit_entries', 'SELECT') as read,
                 has_table_privilege('audit_entries', 'INSERT') as append,
                 has_table_privilege('audit_entries', 'UPDATE') as update,
                 has_table_privilege('audit_entries', 'DELETE') as delete,
                 has_table_privilege('audit_entries', 'TRUNCATE') as truncate`,
    );
    expect(rights).toEqual({ read: true, append: true, update: false, delete: false, truncate: false });
    expect(await outcome(sql`update audit_entries set data = '{"forged":true}'`)).toBe("42501");
    expect(await outcome(sql`delete from audit_entries`)).toBe("42501");
    expect(await outcome(sql`truncate audit_entries`)).toBe("42501");
    expect(await verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("cannot change the schema", async () => {
    expect(await outcome(sql`create table planted (x int)`)).toBe("42501");
    expect(await outcome(sql`drop table brand_kit_versions`)).toBe("42501");
  });

  it("does the product's run-time work: audited writes, a kit version, a job sent, fetched and completed", async () => {
    const brand = await createBrand();
    const admin = (await (await signedIn((await createUser(brand.id, "admin")).id)).session())!;
    const saved = await saveKitVersion(admin, { brandId: brand.id, baseVersion: null, content: DEMO_KIT });
    expect(saved.version).toBe(1);

    const boss = createBoss(db(), { supervise: false });
    await boss.start();
    try {
      const queue = JOBS.queueProbe.name;
      const id = await boss.send(queue, { probe: role });
      expect(id).toBeTruthy();
      const [job] = await boss
        .fetch(queue, { batchSize: 50 })
        .then((jobs) => jobs.filter((j) => j.id === id));
      expect(job?.id).toBe(id);
      await boss.complete(queue, id!);
    } finally {
      await boss.stop({ graceful: false, close: false });
    }
  });
});
