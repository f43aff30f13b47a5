import { asc, eq } from "drizzle-orm";
import { memberships, users, type Role } from "@/db/schema";
import { db } from "@/lib/db";
import { authorize } from "@/lib/auth/authorize";
import type { Principal } from "@/lib/auth/principal";

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  groups: string[];
  disabled: boolean;
}

export async function listMembers(principal: Principal | null, brandId: string): Promise<Member[]> {
  authorize(principal, "members:manage", brandId);
  const rows = await db()
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      groups: memberships.groups,
      disabledAt: users.disabledAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.brandId, brandId))
    .orderBy(asc(users.name));
  return rows.map(({ disabledAt, ...m }) => ({ ...m, disabled: disabledAt !== null }));
}
