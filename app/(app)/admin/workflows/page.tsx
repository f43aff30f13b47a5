import type { Metadata } from "next";
import { CHANNELS } from "@/lib/brand/kit";
import { listWorkflows } from "@/lib/review/list-workflows";
import { describeActor } from "@/lib/review/workflow";
import { Badge, Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { WorkflowEditor } from "./workflow-editor";

export const metadata: Metadata = { title: "Workflows" };

/** The brand's review workflows: a default, and optionally one per channel. */
export default async function WorkflowsPage() {
  const access = await requireSection("admin");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const workflows = await listWorkflows(access.session, brandId);
  return (
    <>
      <PageHeader
        title="Review workflows"
        description={`How content of ${access.membership.brandName} is reviewed. Saving makes a new version; items already in review keep theirs.`}
      />
      <div className="space-y-6">
        {workflows.map((w) => (
          <Card key={w.channel}>
            <h2 className="text-base font-semibold">
              {w.channel === "*" ? "Default (all channels)" : `Channel: ${w.channel}`}{" "}
              <Badge>{w.version ? `version ${w.version}` : "built-in default, not saved yet"}</Badge>
            </h2>
            <ol className="mt-2 list-decimal pl-5 text-sm text-slate-800">
              {w.stages.map((s) => (
                <li key={s.name}>
                  <span className="font-medium">{s.name}</span>: {s.approvals} approval
                  {s.approvals > 1 ? "s" : ""} by {describeActor(s.actor)}, SLA {s.slaHours} h
                  {s.legal ? ", legal stage" : ""}
                  {s.onlyWhenFlagged ? " (only content with claims)" : ""}
                </li>
              ))}
            </ol>
            {w.history.length > 1 && (
              <p className="mt-2 text-xs text-slate-700">
                Earlier versions:{" "}
                {w.history
                  .slice(1)
                  .map((h) => `v${h.version}`)
                  .join(", ")}
              </p>
            )}
            <details className="mt-3">
              <summary className="cursor-pointer text-sm font-medium text-brand-700">
                Edit this workflow
              </summary>
              <WorkflowEditor brandId={brandId} channel={w.channel} channels={[]} initial={w.stages} />
            </details>
          </Card>
        ))}
        <Card>
          <h2 className="text-base font-semibold">Add a workflow for one channel</h2>
          <p className="mt-1 text-sm text-slate-700">
            Content of that channel then follows it instead of the default.
          </p>
          <WorkflowEditor
            brandId={brandId}
            channel={null}
            channels={CHANNELS.filter((c) => !workflows.some((w) => w.channel === c))}
            initial={workflows[0]!.stages}
          />
        </Card>
      </div>
    </>
  );
}
