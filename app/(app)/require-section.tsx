import { redirect } from "next/navigation";
import { can } from "@/lib/auth/authorize";
import { NAV } from "@/lib/auth/navigation";
import type { BrandMembership, UserPrincipal } from "@/lib/auth/principal";
import { currentMembership, currentSession } from "../_auth/session";

export type SectionAccess =
  | { allowed: true; session: UserPrincipal; membership: BrandMembership }
  | { allowed: false; session: UserPrincipal; membership: BrandMembership | undefined };

/** A page's own check: the layout's navigation is a convenience, never the guard. */
export async function requireSection(key: string): Promise<SectionAccess> {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const membership = await currentMembership(session);
  const item = NAV.find((n) => n.key === key);
  if (!item || !membership || !can(session, item.permission, membership.brandId)) {
    return { allowed: false, session, membership };
  }
  return { allowed: true, session, membership };
}

export function Forbidden() {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">You don’t have access to this page</h1>
      <p className="mt-1 text-sm text-red-900">
        Your role in this brand does not include it. Ask an admin if you need it.
      </p>
    </div>
  );
}
