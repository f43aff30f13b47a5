import { z } from "zod";
import { readAssetBytes } from "@/lib/brand/assets/get-asset";
import { readPublishedLogoBytes } from "@/lib/brand/kits/kit-logos";
import { parseOrThrow } from "@/lib/errors";
import { withSession } from "../../../../_auth/with-session";

type Ctx = { params: Promise<{ id: string }> };
const query = z.object({ brandId: z.string().uuid(), id: z.string().uuid() });

/**
 * GET /api/assets/{id}/image?brandId=… — the stored (metadata-free) bytes, for members of the
 * brand; a logo of the brand's published kit for anyone (templates render it in emails and in
 * the sandboxed preview, which carry no session).
 */
export const GET = withSession<Ctx>(async ({ req, ctx, session }) => {
  const { id, brandId } = parseOrThrow(query, {
    id: (await ctx.params).id,
    brandId: new URL(req.url).searchParams.get("brandId"),
  });
  const logo = await readPublishedLogoBytes(brandId, id);
  const { bytes, mime } = logo ?? (await readAssetBytes(session, brandId, id));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": mime,
      // A published logo may be unpublished later: public, but not for long.
      "cache-control": logo ? "public, max-age=300" : "private, max-age=3600, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    },
  });
});
