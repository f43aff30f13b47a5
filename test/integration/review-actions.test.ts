/** The review and workflow server actions reach lib's checks: 401, 403, and 400 naming the field. */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { SESSION_COOKIE } from "@/lib/auth/session-token";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";
import { createUser, signedIn } from "@/test/factories";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { decideAction, claimAction, bulkApproveAction, commentAction, retireAction } =
  await import("@/app/(app)/review/actions");
const { saveWorkflowAction } = await import("@/app/(app)/admin/workflows/actions");

let f: Awaited<ReturnType<typeof reviewFixture>>;
let item: { id: string; revisionId: string };
const tokens: Record<"marketer" | "reviewer", string> = { marketer: "", reviewer: "" };

beforeAll(async () => {
  f = await reviewFixture();
  const author = await sessionFor(f.brandId, "marketer");
  item = await f.createItem({ author });
  tokens.marketer = (await signedIn((await createUser(f.brandId, "marketer")).id)).token;
  tokens.reviewer = (await signedIn((await createUser(f.brandId, "reviewer")).id)).token;
});

const actAs = (token: string | null) => {
  jar.clear();
  if (token) jar.set(SESSION_COOKIE, token);
};

describe("review actions", () => {
  it("refuse without a session (401) and without the right (403), and change nothing", async () => {
    const seen = { brandId: f.brandId, contentItemId: item.id, revisionId: item.revisionId, stageIndex: 0 };
    actAs(null);
    expect(await decideAction({ ...seen, decision: "approve" })).toMatchObject({ ok: false, status: 401 });
    actAs(tokens.marketer);
    expect(await decideAction({ ...seen, decision: "approve" })).toMatchObject({ ok: false, status: 403 });
    expect(await claimAction({ brandId: f.brandId, contentItemId: item.id })).toMatchObject({ status: 403 });
    expect(
      await retireAction({ brandId: f.brandId, contentItemId: item.id, reason: "Not needed" }),
    ).toMatchObject({
      status: 403,
    });
    actAs(tokens.reviewer);
    expect(await saveWorkflowAction({ brandId: f.brandId, channel: "*", stages: [] as never })).toMatchObject(
      { ok: false, status: 400 },
    );
    expect(
      await saveWorkflowAction({
        brandId: f.brandId,
        channel: "*",
        stages: [
          {
            name: "Only me",
            actor: { kind: "role", role: "reviewer" },
            approvals: 1,
            slaHours: 1,
            legal: false,
            onlyWhenFlagged: false,
          },
        ],
      }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await f.itemRow(item.id)).toMatchObject({ status: "in_review", claimedBy: null });
  });

  it("name the field at fault", async () => {
    actAs(tokens.reviewer);
    const seen = { brandId: f.brandId, contentItemId: item.id, revisionId: item.revisionId, stageIndex: 0 };
    expect(await decideAction({ ...seen, decision: "reject", comment: "" })).toMatchObject({
      ok: false,
      status: 400,
      error: { code: "validation_failed", details: [{ path: "comment" }] },
    });
    expect(await bulkApproveAction({ items: [] })).toMatchObject({
      status: 400,
      error: { details: [{ path: "items" }] },
    });
    expect(
      await commentAction({ brandId: f.brandId, contentItemId: item.id, revisionId: "nope", body: "Hi" }),
    ).toMatchObject({ status: 400, error: { details: [{ path: "revisionId" }] } });
    expect(await decideAction({ ...seen, decision: "approve" })).toMatchObject({
      ok: true,
      data: { outcome: "approval_recorded" },
    });
  });
});
