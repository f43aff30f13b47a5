import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { parseOrThrow } from "@/lib/errors";
import { decodeContentCursor, encodeContentCursor } from "./content-cursor";
import { withLineage, type ContentView } from "./content-view";
import { listPublishedContent } from "./get-published-content";

export const MAX_CONTENT_PAGE = 200;

export const listServedContentInput = z.object({
  brandId: z.string().uuid(),
  channel: z.string().min(1).max(100).optional(),
  templateId: z.string().uuid().optional(),
  updatedSince: z.coerce.date().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(MAX_CONTENT_PAGE).default(50),
});

export interface ContentPage {
  data: ContentView[];
  /** Null on the last page. */
  next_cursor: string | null;
}

/**
 * A page of the brand's approved content, oldest change first. Keyset paging on
 * (updated_at, id): a walk from the first page to the last sees every item that stays
 * unchanged exactly once, with no offsets to shift under it; an item that changes meanwhile
 * moves to the end, where the walk meets it again with its new revision.
 */
export async function listServedContent(
  principal: Principal | null,
  raw: z.input<typeof listServedContentInput>,
): Promise<ContentPage> {
  const input = parseOrThrow(listServedContentInput, raw);
  authorize(principal, "library:view", input.brandId);
  const rows = await listPublishedContent(input.brandId, {
    channel: input.channel,
    templateId: input.templateId,
    updatedSince: input.updatedSince,
    after: input.cursor ? decodeContentCursor(input.cursor) : undefined,
    // One extra row says whether there is a next page without a count query.
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: await withLineage(page),
    next_cursor:
      rows.length > input.limit && last
        ? encodeContentCursor({ updatedAt: last.updatedAtExact, id: last.id })
        : null,
  };
}
