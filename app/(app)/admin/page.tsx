import type { Metadata } from "next";
import { listMembers } from "@/lib/auth/list-members";
import { Card, PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const access = await requireSection("admin");
  if (!access.allowed) return <Forbidden />;
  const members = await listMembers(access.session, access.membership.brandId);
  return (
    <>
      <PageHeader title="Admin" description={`Members of ${access.membership.brandName} and their roles.`} />
      <Card className="p-0">
        <MembersTable brandId={access.membership.brandId} selfId={access.session.user.id} members={members} />
      </Card>
    </>
  );
}
