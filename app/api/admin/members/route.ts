import { z } from "zod";
import { listMembers } from "@/lib/accounts/list-members";
import { parseOrThrow } from "@/lib/errors";
import { withSession } from "../../../_auth/with-session";

const query = z.object({ brandId: z.string().uuid() });

/** GET /api/admin/members?brandId=… — admin only (lib authorizes members:manage). */
export const GET = withSession(async ({ req, session }) => {
  const { brandId } = parseOrThrow(query, Object.fromEntries(new URL(req.url).searchParams));
  return Response.json({ members: await listMembers(session, brandId) });
});
