import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/lib/auth/authorize";
import { listOpenDriftAlerts } from "@/lib/drift/list-open-drift-alerts";
import { DRIFT_THRESHOLDS } from "@/lib/drift/thresholds";
import { currentMembership, currentSession } from "../../../_auth/session";
import { Card, PageHeader, TableScroll } from "../../../_components/ui";
import { Forbidden } from "../../require-section";
import { AcknowledgeButton } from "./acknowledge-button";
import { describeAlert } from "./describe-alert";

export const metadata: Metadata = { title: "Input drift" };

/**
 * Open drift alerts. Reviewers see them (the banner links here) although the models section
 * is admin-only, so the page makes its own check rather than requireSection("models").
 */
export default async function DriftPage() {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const membership = await currentMembership(session);
  if (!membership || !can(session, "drift:view", membership.brandId)) return <Forbidden />;
  const alerts = await listOpenDriftAlerts(session, membership.brandId);
  const mayAcknowledge = can(session, "models:manage", membership.brandId);
  return (
    <>
      <PageHeader
        title="Input drift"
        description={`Inputs of the last 24 hours compared hourly with the 7 days before. PSI warns at ${DRIFT_THRESHOLDS.psi.warn} and alerts at ${DRIFT_THRESHOLDS.psi.alert}; KS alerts at D ≥ ${DRIFT_THRESHOLDS.ks.alert} when significant.`}
      />
      <Card className="p-0">
        {alerts.length === 0 ? (
          <p className="px-6 py-5 text-sm text-slate-700">No open drift alerts.</p>
        ) : (
          <TableScroll label="Open drift alerts">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Open drift alerts</caption>
              <thead className="border-b border-slate-200 text-slate-700">
                <tr>
                  <th scope="col" className="px-6 py-2 font-medium">
                    Alert
                  </th>
                  <th scope="col" className="px-6 py-2 font-medium">
                    Threshold
                  </th>
                  {mayAcknowledge && (
                    <th scope="col" className="px-6 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {alerts.map((a) => (
                  <tr key={a.id} className="border-b border-slate-100 last:border-0">
                    <td className="px-6 py-2 text-slate-900">{describeAlert(a)}</td>
                    <td className="px-6 py-2 text-slate-800">{a.threshold}</td>
                    {mayAcknowledge && (
                      <td className="px-6 py-2 text-right">
                        <AcknowledgeButton brandId={membership.brandId} alertId={a.id} signal={a.signal} />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Card>
    </>
  );
}
