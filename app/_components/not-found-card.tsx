import Link from "next/link";

/**
 * What a missing page says, in the app's shell or on its own. The same words whether the id
 * does not exist or belongs to another brand: which one it is is not the user's business.
 */
export function NotFoundCard() {
  return (
    <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Page not found</h1>
      <p className="mt-2 text-sm text-slate-700">
        There is nothing at this address, or it belongs to a brand you are not a member of.
      </p>
      <Link
        href="/"
        className="mt-4 inline-flex rounded-md bg-brand-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-900"
      >
        Go to your start page
      </Link>
    </div>
  );
}
