import type { Metadata } from "next";
import { can } from "@/lib/auth/authorize";
import { listDeadJobs } from "@/lib/jobs/list-dead-jobs";
import { requestLocale } from "../../../_components/request-locale";
import { Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { DeadJobsTable } from "./dead-jobs-table";

export const metadata: Metadata = { title: "Jobs" };

export default async function JobsPage() {
  const access = await requireSection("admin");
  if (!access.allowed || !can(access.session, "jobs:manage", access.membership.brandId)) {
    return <Forbidden />;
  }
  const { session, membership } = access;
  const jobs = await listDeadJobs(session, membership.brandId, { limit: 200 });
  return (
    <>
      <PageHeader
        title="Dead jobs"
        description={`Background jobs of ${membership.brandName} that failed every attempt. Fix the cause, then send them back to their queue.`}
      />
      <Card className="p-0">
        <DeadJobsTable
          brandId={membership.brandId}
          locale={await requestLocale()}
          jobs={jobs.map((j) => ({
            id: j.id,
            queue: j.queue,
            attempts: j.attempts,
            error: j.error,
            deadAt: j.deadAt.toISOString(),
            refusal: j.refusal,
          }))}
        />
      </Card>
    </>
  );
}
