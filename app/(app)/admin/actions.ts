"use server";

import { revalidatePath } from "next/cache";
import { setMemberRole, setMemberRoleInput } from "@/lib/accounts/set-member-role";
import { setUserDisabled, setUserDisabledInput } from "@/lib/accounts/set-user-disabled";
import { setChatSettings, setChatSettingsInput } from "@/lib/chat/set-chat-settings";
import { withSessionAction } from "../../_auth/with-session";

/** Admin-only: lib/auth authorizes `members:manage` on the brand in the input. */
export const changeMemberRole = withSessionAction(setMemberRoleInput, async (session, input) => {
  await setMemberRole(session, input);
  revalidatePath("/admin");
  return { userId: input.userId, role: input.role };
});

export const changeUserDisabled = withSessionAction(setUserDisabledInput, async (session, input) => {
  await setUserDisabled(session, input);
  revalidatePath("/admin");
  return { userId: input.userId, disabled: input.disabled };
});

/** lib/chat authorizes `chat:manage` and writes the audit entry. */
export const saveChatSettings = withSessionAction(setChatSettingsInput, async (session, input) => {
  const saved = await setChatSettings(session, input);
  revalidatePath("/admin");
  return saved;
});
