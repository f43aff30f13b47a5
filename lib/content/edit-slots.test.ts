/** Editing several slots at once, on the real database: one revision, named faults, authorization. */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { contentRevisions } from "@/db/schema";
import type { UserPrincipal } from "@/lib/auth/principal";
import { editSlots } from "@/lib/content/edit-slots";
import { db } from "@/lib/db";
import { reviewFixture, sessionFor } from "@/lib/review/testing/review-fixture";

let f: Awaited<ReturnType<typeof reviewFixture>>;
let marketer: UserPrincipal;

beforeAll(async () => {
  f = await reviewFixture();
  marketer = await sessionFor(f.brandId, "marketer");
});

const revisionsOf = (id: string) =>
  db().select().from(contentRevisions).where(eq(contentRevisions.contentItemId, id));

describe("editSlots", () => {
  it("saves several slots as one revision, checked and rendered once", async () => {
    const item = await f.createItem({ author: marketer, submit: false });
    const revision = await editSlots(marketer, {
      brandId: f.brandId,
      contentItemId: item.id,
      slots: {
        post: "Dry feet on every autumn trail this weekend.",
        link: "https://example.com/autumn",
        hashtags: ["autumn", "hiking"],
      },
    });
    expect(revision.number).toBe(2);
    expect(revision.slots).toMatchObject({
      post: "Dry feet on every autumn trail this weekend.",
      link: "https://example.com/autumn",
      hashtags: ["autumn", "hiking"],
    });
    expect(revision.rendered.text).toContain("Dry feet on every autumn trail");
    expect(revision.rendered.text).toContain("https://example.com/autumn");
    expect(await revisionsOf(item.id)).toHaveLength(2);
    expect((await f.itemRow(item.id)).currentRevisionId).toBe(revision.id);
  });

  it("stores nothing and names the slot at fault when one of them is invalid", async () => {
    const item = await f.createItem({ author: marketer, submit: false });
    await expect(
      editSlots(marketer, {
        brandId: f.brandId,
        contentItemId: item.id,
        slots: { post: "A fine post.", link: "not a url", hashtags: ["autumn"] },
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(/^Link must be an http\(s\) URL/),
      details: [{ path: "slots.link" }],
    });
    await expect(
      editSlots(marketer, {
        brandId: f.brandId,
        contentItemId: item.id,
        slots: { post: "x".repeat(221) },
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "slots.post", message: "Post is 221 characters long; the most is 220" }],
    });
    await expect(
      editSlots(marketer, { brandId: f.brandId, contentItemId: item.id, slots: { subject: "Hello" } }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "slots.subject" }] });
    expect(await revisionsOf(item.id)).toHaveLength(1);
  });

  it("refuses a reviewer, who may not edit content", async () => {
    const item = await f.createItem({ author: marketer, submit: false });
    const reviewer = await sessionFor(f.brandId, "reviewer");
    await expect(
      editSlots(reviewer, { brandId: f.brandId, contentItemId: item.id, slots: { post: "Mine now." } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      editSlots(null, { brandId: f.brandId, contentItemId: item.id, slots: { post: "Mine now." } }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    expect(await revisionsOf(item.id)).toHaveLength(1);
  });
});
