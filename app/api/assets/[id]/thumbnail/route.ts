import { z } from "zod";
import { readAssetThumbnail } from "@/lib/brand/assets/read-asset-thumbnail";
import { parseOrThrow } from "@/lib/errors";
import { withSession } from "../../../../_auth/with-session";

type Ctx = { params: Promise<{ id: string }> };
const query = z.object({ brandId: z.string().uuid(), id: z.string().uuid() });

/** GET /api/assets/{id}/thumbnail?brandId=… — a 96 px WebP of an image asset, for members of the brand. */
export const GET = withSession<Ctx>(async ({ req, ctx, session }) => {
  const { id, brandId } = parseOrThrow(query, {
    id: (await ctx.params).id,
    brandId: new URL(req.url).searchParams.get("brandId"),
  });
  const { bytes, mime } = await readAssetThumbnail(session, brandId, id);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": mime,
      // An asset's bytes never change (a new upload is a new asset): cache it in the browser.
      "cache-control": "private, max-age=3600, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
});
