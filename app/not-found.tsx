import type { Metadata } from "next";
import { NotFoundCard } from "./_components/not-found-card";

export const metadata: Metadata = { title: "Not found" };

/** An address no route matches (item pages' `notFound()` lands on the one in the app's shell). */
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen flex-col items-center justify-center gap-4 px-4">
      <p className="text-lg font-bold tracking-tight text-brand-900">Brandgate</p>
      <NotFoundCard />
    </main>
  );
}
