import type { Metadata } from "next";
import { can } from "@/lib/auth/authorize";
import { listMembers } from "@/lib/accounts/list-members";
import { getChatSettings } from "@/lib/chat/chat-settings";
import { Card, PageHeader } from "../../_components/ui";
import { Forbidden, requireSection } from "../require-section";
import { ChatSettingsForm } from "./chat-settings-form";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const access = await requireSection("admin");
  if (!access.allowed) return <Forbidden />;
  const brandId = access.membership.brandId;
  const members = await listMembers(access.session, brandId);
  const chat = can(access.session, "chat:manage", brandId)
    ? await getChatSettings(access.session, { brandId })
    : null;
  return (
    <>
      <PageHeader title="Admin" description={`Members of ${access.membership.brandName} and their roles.`} />
      <Card className="p-0">
        <MembersTable brandId={access.membership.brandId} selfId={access.session.user.id} members={members} />
      </Card>
      {chat && (
        <Card className="mt-6 p-0">
          <ChatSettingsForm brandId={brandId} {...chat} />
        </Card>
      )}
    </>
  );
}
