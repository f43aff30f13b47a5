"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The main navigation: a sidebar from 768 px up; below that a "Menu" button that opens the
 * links as a panel above the page (closed again on navigation), so the page keeps the width.
 */
export function NavLinks({ items }: { items: { key: string; label: string; href: string }[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [pathname]);
  const current = items.find((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="main-nav"
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-center justify-between rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-900 md:hidden"
      >
        <span>
          Menu{current ? <span className="font-normal text-slate-700"> · {current.label}</span> : null}
        </span>
        <span aria-hidden="true">{open ? "✕" : "☰"}</span>
      </button>
      <nav
        id="main-nav"
        aria-label="Main"
        className={`${open ? "block" : "hidden"} mt-2 rounded-md border border-slate-200 bg-white p-1 md:mt-0 md:block md:w-48 md:border-0 md:bg-transparent md:p-0`}
      >
        <ul className="space-y-1">
          {items.map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.key}>
                <Link
                  href={item.href}
                  aria-current={active ? "page" : undefined}
                  className={`block rounded-md px-3 py-2 text-sm font-medium ${
                    active ? "bg-brand-100 text-brand-900" : "text-slate-800 hover:bg-slate-200"
                  }`}
                >
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
