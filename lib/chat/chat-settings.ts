import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { brandChatSettings } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Session } from "@/lib/auth/types";
import { db } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

export interface ChatSettings {
  enabled: boolean;
  reviewSampleRate: number;
}

/** A brand without a row has the lane closed and samples nothing. */
export const CHAT_SETTINGS_OFF: ChatSettings = { enabled: false, reviewSampleRate: 0 };

/** The brand's chat settings, unauthorized: for the chat lane itself, which authorized its caller. */
export async function loadChatSettings(brandId: string, executor: Executor = db()): Promise<ChatSettings> {
  const [row] = await executor
    .select({ enabled: brandChatSettings.enabled, reviewSampleRate: brandChatSettings.reviewSampleRate })
    .from(brandChatSettings)
    .where(eq(brandChatSettings.brandId, brandId));
  return row ?? CHAT_SETTINGS_OFF;
}

export const getChatSettingsInput = z.object({ brandId: z.string().uuid() });

/** For the admin form. */
export async function getChatSettings(
  session: Session | null,
  raw: z.input<typeof getChatSettingsInput>,
): Promise<ChatSettings> {
  const input = parseOrThrow(getChatSettingsInput, raw);
  authorize(session, "chat:manage", input.brandId);
  return loadChatSettings(input.brandId);
}
