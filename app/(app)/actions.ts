"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { BRAND_COOKIE } from "../_auth/session";
import { withSessionAction } from "../_auth/with-session";

/** Remembers the chosen brand; only a brand the user belongs to can be chosen. */
export const switchBrand = withSessionAction(
  z.object({ brandId: z.string().uuid() }),
  async (session, { brandId }) => {
    authorize(session, "brand:view", brandId);
    (await cookies()).set(BRAND_COOKIE, brandId, { httpOnly: true, sameSite: "lax", path: "/" });
    return { brandId };
  },
);
