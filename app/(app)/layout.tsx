import { redirect } from "next/navigation";
import { visibleNav } from "@/lib/auth/navigation";
import { countUnreadNotifications } from "@/lib/notifications/count-unread-notifications";
import { currentMembership, currentSession } from "../_auth/session";
import { BrandSwitcher } from "./brand-switcher";
import { DriftBanner } from "./drift-banner";
import { NavLinks } from "./nav-links";
import { NotificationBell } from "./notification-bell";
import { SignOutButton } from "./sign-out-button";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const membership = await currentMembership(session);
  const nav = visibleNav(membership);
  const unread = await countUnreadNotifications(session);
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
            <span className="text-lg font-bold tracking-tight text-brand-900">Brandgate</span>
            {membership && (
              <BrandSwitcher
                current={membership.brandId}
                brands={session.memberships.map((m) => ({ id: m.brandId, name: m.brandName, role: m.role }))}
              />
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <NotificationBell unread={unread} />
            <span className="text-slate-700">
              <span className="font-medium text-slate-900">{session.user.name}</span>
              {membership && <span data-testid="current-role"> · {membership.role}</span>}
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      {membership && <DriftBanner session={session} membership={membership} />}
      {/* One column below 768 px: the navigation folds into a menu above the page. */}
      <div className="mx-auto flex w-full max-w-7xl flex-1 flex-col gap-4 px-4 py-4 md:flex-row md:gap-8 md:py-6">
        <div className="md:shrink-0">
          <NavLinks items={nav.map(({ key, label, href }) => ({ key, label, href }))} />
        </div>
        <main id="main" className="min-w-0 flex-1">
          {membership ? (
            children
          ) : (
            <p className="text-slate-700">You do not belong to any brand yet. Ask an admin to add you.</p>
          )}
        </main>
      </div>
    </div>
  );
}
