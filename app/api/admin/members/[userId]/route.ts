import { z } from "zod";
import { roleEnum } from "@/db/schema";
import { setMemberRole } from "@/lib/accounts/set-member-role";
import { setUserDisabled } from "@/lib/accounts/set-user-disabled";
import { AppError, parseOrThrow } from "@/lib/errors";
import { withSession } from "../../../../_auth/with-session";

const body = z
  .object({
    brandId: z.string().uuid(),
    role: z.enum(roleEnum.enumValues).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((b) => b.role !== undefined || b.disabled !== undefined, {
    message: "Give role or disabled",
    path: ["role"],
  });

type Ctx = { params: Promise<{ userId: string }> };

/** PATCH /api/admin/members/{userId} — admin only: change role and/or disable. */
export const PATCH = withSession<Ctx>(async ({ req, ctx, session }) => {
  const { userId } = await ctx.params;
  const json = await req.json().catch(() => {
    throw new AppError("bad_request", "The body must be JSON");
  });
  const input = parseOrThrow(body, json);
  if (input.role) await setMemberRole(session, { brandId: input.brandId, userId, role: input.role });
  if (input.disabled !== undefined)
    await setUserDisabled(session, { brandId: input.brandId, userId, disabled: input.disabled });
  return Response.json({ userId, ...input });
});
