import Link from "next/link";
import { can } from "@/lib/auth/authorize";
import type { BrandMembership, UserPrincipal } from "@/lib/auth/principal";
import { listOpenDriftAlerts } from "@/lib/drift/list-open-drift-alerts";
import { describeAlert } from "./models/drift/describe-alert";

/** Shown across the app to reviewers and admins of a brand with open input-drift alerts. */
export async function DriftBanner({
  session,
  membership,
}: {
  session: UserPrincipal;
  membership: BrandMembership;
}) {
  if (!can(session, "drift:view", membership.brandId)) return null;
  const alerts = await listOpenDriftAlerts(session, membership.brandId);
  if (alerts.length === 0) return null;
  const [first] = alerts;
  return (
    <div role="status" className="border-b border-amber-300 bg-amber-50" data-testid="drift-banner">
      <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-950">
        <span className="font-semibold">Input drift:</span> {describeAlert(first!)}
        {alerts.length > 1 && ` and ${alerts.length - 1} more`}.{" "}
        <Link href="/models/drift" className="font-medium underline">
          Review drift alerts
        </Link>
      </p>
    </div>
  );
}
