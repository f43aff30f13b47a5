import { z } from "zod";
import { brandChatSettings } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";
import type { ChatSettings } from "./chat-settings";

export const setChatSettingsInput = z.object({
  brandId: z.string().uuid(),
  enabled: z.boolean(),
  /** 0 samples nothing, 1 every completed call. */
  reviewSampleRate: z.number().min(0).max(1),
});

/** Opens or closes the brand's chat lane to API keys and sets its review sample; audited. */
export async function setChatSettings(
  principal: Principal | null,
  raw: z.input<typeof setChatSettingsInput>,
): Promise<ChatSettings> {
  const input = parseOrThrow(setChatSettingsInput, raw);
  authorize(principal, "chat:manage", input.brandId);
  const values = {
    enabled: input.enabled,
    reviewSampleRate: input.reviewSampleRate,
    updatedBy: principal.user.id,
  };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(brandChatSettings)
      .values({ brandId: input.brandId, ...values })
      .onConflictDoUpdate({ target: brandChatSettings.brandId, set: values })
      .returning();
    await appendAudit(tx, {
      brandId: input.brandId,
      actor: principal,
      action: "chat.settings_changed",
      target: { type: "brand", id: input.brandId },
      data: { enabled: row!.enabled, reviewSampleRate: row!.reviewSampleRate },
    });
    return { enabled: row!.enabled, reviewSampleRate: row!.reviewSampleRate };
  });
}
