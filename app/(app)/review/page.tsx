import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/authorize";
import { CHANNELS } from "@/lib/brand/kit";
import { listReviewQueue, queueFilters } from "@/lib/review/list-review-queue";
import { Button, Input, Label, PageHeader, Select } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { QueueTable, type QueueItem } from "./queue-table";

export const metadata: Metadata = { title: "Review" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The reviewer's queue: what their stages admit, across their brands, oldest first. */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Search> }) {
  const access = await requireSection("review");
  if (!access.allowed) return <Forbidden />;
  const sp = await searchParams;
  const filters = queueFilters.parse({
    brandId: one(sp.brand),
    channel: one(sp.channel),
    stage: one(sp.stage),
    minAgeHours: one(sp.age),
    checks: one(sp.checks),
    order: one(sp.order),
  });
  const now = new Date();
  const rows = await listReviewQueue(access.session, filters, now);
  const brands = access.session.memberships.filter((m) => can(access.session, "review:act", m.brandId));
  const items: QueueItem[] = rows.map((r) => ({
    ...r,
    waitingMs: now.getTime() - r.waitingSince.getTime(),
    dueAt: r.dueAt.toISOString(),
    waitingSince: r.waitingSince.toISOString(),
    claimExpiresAt: r.claimExpiresAt?.toISOString() ?? null,
  }));
  const overdue = rows.filter((r) => r.overdue).length;
  return (
    <>
      <PageHeader
        title="Review"
        description={`${rows.length} waiting for you${overdue ? `, ${overdue} overdue` : ""}. Oldest first unless you choose otherwise.`}
      >
        <div className="flex flex-wrap gap-4">
          <Link href="/review/compare" className="text-sm font-medium text-brand-900 underline">
            Compare answers
          </Link>
          <Link href="/review/chat" className="text-sm font-medium text-brand-900 underline">
            Sampled chat calls
          </Link>
        </div>
      </PageHeader>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter the queue">
        {brands.length > 1 && (
          <div>
            <Label htmlFor="f-brand">Brand</Label>
            <Select id="f-brand" name="brand" defaultValue={filters.brandId ?? ""}>
              <option value="">All brands</option>
              {brands.map((b) => (
                <option key={b.brandId} value={b.brandId}>
                  {b.brandName}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div>
          <Label htmlFor="f-channel">Channel</Label>
          <Select id="f-channel" name="channel" defaultValue={filters.channel ?? ""}>
            <option value="">All channels</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="f-stage">Stage</Label>
          <Input
            id="f-stage"
            name="stage"
            placeholder="e.g. Legal review"
            defaultValue={filters.stage ?? ""}
            className="w-40"
          />
        </div>
        <div>
          <Label htmlFor="f-age">Waiting at least</Label>
          <Select id="f-age" name="age" defaultValue={filters.minAgeHours?.toString() ?? ""}>
            <option value="">Any time</option>
            <option value="4">4 hours</option>
            <option value="24">1 day</option>
            <option value="72">3 days</option>
            <option value="168">1 week</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="f-checks">Checks</Label>
          <Select id="f-checks" name="checks" defaultValue={filters.checks ?? ""}>
            <option value="">Any result</option>
            <option value="legal">Needs legal review</option>
            <option value="warnings">Has warnings</option>
            <option value="clean">Clean</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="f-order">Order</Label>
          <Select id="f-order" name="order" defaultValue={filters.order}>
            <option value="oldest">Oldest first</option>
            <option value="newest">Newest first</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <QueueTable items={items} showBrand={brands.length > 1} />
    </>
  );
}
