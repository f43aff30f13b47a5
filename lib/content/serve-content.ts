import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";
import { AppError, parseOrThrow } from "@/lib/errors";
import { contentEtag, withLineage, type ContentView } from "./content-view";
import { getPublishedContent } from "./get-published-content";

export const serveContentInput = z.object({ brandId: z.string().uuid(), id: z.string() });

export interface ServedContent {
  content: ContentView;
  etag: string;
}

/**
 * One approved item for the content API. Anything else — a draft, an item in review, a
 * rejected or retired one, another brand's, or an id that is not a UUID — is the same 404,
 * so the API never tells a caller that unapproved content exists.
 */
export async function serveContent(
  principal: Principal | null,
  raw: z.input<typeof serveContentInput>,
): Promise<ServedContent> {
  const input = parseOrThrow(serveContentInput, raw);
  authorize(principal, "library:view", input.brandId);
  const row = z.string().uuid().safeParse(input.id).success
    ? await getPublishedContent(input.brandId, input.id)
    : null;
  if (!row) throw new AppError("not_found", "No approved content with this id");
  const [content] = await withLineage([row]);
  return { content: content!, etag: contentEtag(row.contentHash) };
}
