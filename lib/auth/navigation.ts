import { roleHas, type Permission } from "./permissions";
import type { BrandMembership } from "./principal";

export interface NavItem {
  key: string;
  label: string;
  href: string;
  permission: Permission;
  description: string;
}

/** The app's sections, in menu order, each gated by the permission it needs. */
export const NAV: NavItem[] = [
  {
    key: "studio",
    label: "Studio",
    href: "/studio",
    permission: "studio:use",
    description: "Write briefs, generate and preview content.",
  },
  {
    key: "library",
    label: "Library",
    href: "/library",
    permission: "library:view",
    description: "Content in every state, with its history.",
  },
  {
    key: "brand",
    label: "Brand",
    href: "/brand",
    permission: "brand:view",
    description: "Brand kits: voice, terms, claims, palette and limits.",
  },
  {
    key: "assets",
    label: "Assets",
    href: "/assets",
    permission: "assets:manage",
    description: "Images and copy snippets, checked against the kit.",
  },
  {
    key: "templates",
    label: "Templates",
    href: "/templates",
    permission: "templates:view",
    description: "Approved, versioned Handlebars templates.",
  },
  {
    key: "review",
    label: "Review",
    href: "/review",
    permission: "review:act",
    description: "The approval queue for your stages.",
  },
  {
    key: "models",
    label: "Models",
    href: "/models",
    permission: "models:manage",
    description: "Generation and personalisation models and versions.",
  },
  {
    key: "rollouts",
    label: "Rollouts",
    href: "/rollouts",
    permission: "rollouts:manage",
    description: "Canary, A/B, shadow and blue-green rollouts.",
  },
  {
    key: "usage",
    label: "Usage",
    href: "/usage",
    permission: "usage:view",
    description: "What model calls cost, and monthly budgets.",
  },
  {
    key: "admin",
    label: "Admin",
    href: "/admin",
    permission: "members:manage",
    description: "Members, roles and access.",
  },
];

export function visibleNav(membership: BrandMembership | undefined): NavItem[] {
  if (!membership) return [];
  return NAV.filter((item) => roleHas(membership.role, item.permission));
}

/**
 * Where a member lands after sign-in: a reviewer's day starts at the queue (`review`), everyone
 * else at the first section their role may use (Studio for marketers and admins).
 */
export function landingSection(membership: BrandMembership | undefined): NavItem | undefined {
  const nav = visibleNav(membership);
  const start = membership?.role === "reviewer" ? nav.find((item) => item.key === "review") : undefined;
  return start ?? nav[0];
}
