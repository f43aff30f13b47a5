import { cookies } from "next/headers";
import { SESSION_COOKIE, sessionFromToken } from "@/lib/auth/session-token";
import type { BrandMembership, UserPrincipal } from "@/lib/auth/principal";

export const BRAND_COOKIE = "bg.brand";

/** The caller's session, re-read from the database: for pages and server actions. */
export async function currentSession(): Promise<UserPrincipal | null> {
  return sessionFromToken((await cookies()).get(SESSION_COOKIE)?.value);
}

/** The brand the user last chose, if they still belong to it; else their first brand. */
export async function currentMembership(session: UserPrincipal): Promise<BrandMembership | undefined> {
  const chosen = (await cookies()).get(BRAND_COOKIE)?.value;
  return session.memberships.find((m) => m.brandId === chosen) ?? session.memberships[0];
}
