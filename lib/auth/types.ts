import type { Role } from "@/db/schema";

export interface BrandMembership {
  brandId: string;
  brandSlug: string;
  brandName: string;
  role: Role;
  groups: string[];
}

/** What every entry point knows about the caller, re-read from the database per request. */
export interface Session {
  sessionId: string;
  user: { id: string; email: string; name: string };
  memberships: BrandMembership[];
}
