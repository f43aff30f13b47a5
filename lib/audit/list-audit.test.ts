import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createBrand, createUser, signedIn } from "@/test/factories";
import { appendAudit } from "./append-audit";
import { checkAuditChain } from "./check-audit-chain";
import { exportAudit } from "./export-audit";
import { listAudit } from "./list-audit";
import { toCsvRow } from "./to-csv-row";

async function brandWithEntries(count: number) {
  const brand = await createBrand();
  const admin = await createUser(brand.id, "admin");
  const session = (await (await signedIn(admin.id)).session())!;
  const actor = { kind: "user" as const, id: admin.id, email: admin.email };
  for (let i = 0; i < count; i++) {
    await appendAudit(db(), {
      brandId: brand.id,
      actor,
      action: i % 2 ? "kit.published" : "template.version_approved",
      target: { type: i % 2 ? "brand_kit_version" : "template_version", id: `v-${i}` },
      data: { i },
    });
  }
  return { brand, admin, session };
}

async function collect(chunks: AsyncGenerator<string>) {
  let out = "";
  for await (const c of chunks) out += c;
  return out;
}

describe("listing the audit log", () => {
  it("pages newest first by seq, with a cursor that reaches every entry once", async () => {
    const { brand, session } = await brandWithEntries(5);
    const first = await listAudit(session, { brandId: brand.id, limit: 2 });
    expect(first.entries.map((e) => e.data.i)).toEqual([4, 3]);
    const second = await listAudit(session, { brandId: brand.id, limit: 2, before: first.nextBefore! });
    const third = await listAudit(session, { brandId: brand.id, limit: 2, before: second.nextBefore! });
    expect(second.entries.map((e) => e.data.i)).toEqual([2, 1]);
    expect(third.entries.map((e) => e.data.i)).toEqual([0]);
    expect(third.nextBefore).toBeNull();
  });

  it("filters by action prefix, target, actor and time, and only shows the brand's entries", async () => {
    const { brand, admin, session } = await brandWithEntries(4);
    await brandWithEntries(2); // another brand's entries must not show
    const list = (f: Record<string, string>) =>
      listAudit(session, { brandId: brand.id, ...f }).then((p) => p.entries.map((e) => e.data.i));
    expect(await list({})).toEqual([3, 2, 1, 0]);
    expect(await list({ action: "kit." })).toEqual([3, 1]);
    expect(await list({ action: "kit.published_" })).toEqual([]);
    expect(await list({ targetType: "template_version", targetId: "v-2" })).toEqual([2]);
    expect(await list({ actor: admin.email.toUpperCase() })).toEqual([3, 2, 1, 0]);
    expect(await list({ actor: randomUUID() })).toEqual([]);
    expect(await list({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await list({ to: new Date(Date.now() + 60_000).toISOString(), actor: admin.id })).toHaveLength(4);
  });

  it("shows the sign-ins of the brand's members", async () => {
    const { brand, admin, session } = await brandWithEntries(0);
    await appendAudit(db(), {
      brandId: null,
      actor: { kind: "user", id: admin.id, email: admin.email },
      action: "auth.sign_in",
      target: { type: "session", id: randomUUID() },
    });
    const stranger = await createUser(null);
    await appendAudit(db(), {
      brandId: null,
      actor: { kind: "user", id: stranger.id },
      action: "auth.sign_in",
      target: { type: "session", id: randomUUID() },
    });
    const page = await listAudit(session, { brandId: brand.id });
    expect(page.entries.map((e) => e.actor)).toEqual([expect.objectContaining({ id: admin.id })]);
  });

  it("needs audit:read on the brand", async () => {
    const { brand } = await brandWithEntries(1);
    const marketer = await createUser(brand.id, "marketer");
    const session = await (await signedIn(marketer.id)).session();
    await expect(listAudit(session, { brandId: brand.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(() => exportAudit(session, { brandId: brand.id })).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
    await expect(checkAuditChain(null, { brandId: brand.id })).rejects.toMatchObject({
      code: "unauthorized",
    });
  });
});

describe("exporting the audit log", () => {
  it("writes JSON lines with the hashes", async () => {
    const { brand, session } = await brandWithEntries(3);
    const out = exportAudit(session, { brandId: brand.id, format: "jsonl" });
    expect(out.contentType).toMatch(/ndjson/);
    const lines = (await collect(out.chunks))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.data.i)).toEqual([2, 1, 0]);
    expect(lines[0]).toMatchObject({
      hash: expect.stringMatching(/^v2:[0-9a-f]{64}$/),
      at: expect.any(String),
    });
  });

  it("writes CSV with a header and quoted JSON data", async () => {
    const { brand, session } = await brandWithEntries(2);
    const out = exportAudit(session, { brandId: brand.id, format: "csv", action: "kit." });
    const rows = (await collect(out.chunks)).split("\r\n");
    expect(rows[0]).toBe(
      "seq,at,brand_id,actor_kind,actor_id,actor_email,action,target_type,target_id,data,prev_hash,hash",
    );
    expect(rows[1]).toContain(',kit.published,brand_kit_version,v-1,"{""i"":1}",');
    expect(rows).toHaveLength(3);
  });

  it("quotes CSV cells and defuses spreadsheet formulas", () => {
    expect(toCsvRow(["a,b", 'say "hi"', "line\nbreak", "=HYPERLINK()", -1, null])).toBe(
      '"a,b","say ""hi""","line\nbreak",\'=HYPERLINK(),-1,\r\n',
    );
  });
});

describe("verifying from the admin page", () => {
  it("answers whether the chain is intact", async () => {
    const { brand, session } = await brandWithEntries(1);
    expect(await checkAuditChain(session, { brandId: brand.id })).toMatchObject({ ok: true });
  });
});
