import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db/client";
import { brandChatSettings } from "@/db/schema";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { preparedQuery } from "@/lib/db";
import { parseOrThrow } from "@/lib/errors";

export interface ChatSettings {
  enabled: boolean;
  reviewSampleRate: number;
}

/** A brand without a row has the lane closed and samples nothing. */
export const CHAT_SETTINGS_OFF: ChatSettings = { enabled: false, reviewSampleRate: 0 };

const COLUMNS = { enabled: brandChatSettings.enabled, reviewSampleRate: brandChatSettings.reviewSampleRate };
const settingsOf = preparedQuery((database) =>
  database
    .select(COLUMNS)
    .from(brandChatSettings)
    .where(eq(brandChatSettings.brandId, sql.placeholder("brandId")))
    .prepare("load_chat_settings"),
);

/**
 * The brand's chat settings, unauthorized: for the chat lane itself, which authorized its
 * caller. Read on the pool unless an executor (a transaction) is given.
 */
export async function loadChatSettings(brandId: string, executor?: Executor): Promise<ChatSettings> {
  const [row] = executor
    ? await executor.select(COLUMNS).from(brandChatSettings).where(eq(brandChatSettings.brandId, brandId))
    : await settingsOf().execute({ brandId });
  return row ?? CHAT_SETTINGS_OFF;
}

export const getChatSettingsInput = z.object({ brandId: z.string().uuid() });

/** For the admin form. */
export async function getChatSettings(
  principal: Principal | null,
  raw: z.input<typeof getChatSettingsInput>,
): Promise<ChatSettings> {
  const input = parseOrThrow(getChatSettingsInput, raw);
  authorize(principal, "chat:manage", input.brandId);
  return loadChatSettings(input.brandId);
}
