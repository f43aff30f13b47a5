"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchBrand } from "./actions";

export function BrandSwitcher({
  current,
  brands,
}: {
  current: string;
  brands: { id: string; name: string; role: string }[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="brand-switcher" className="text-sm text-slate-700">
        Brand
      </label>
      <select
        id="brand-switcher"
        value={current}
        disabled={pending}
        onChange={(event) => {
          const brandId = event.target.value;
          startTransition(async () => {
            const result = await switchBrand({ brandId });
            if (result.ok) router.refresh();
          });
        }}
        className="rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
      >
        {brands.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name} ({b.role})
          </option>
        ))}
      </select>
    </div>
  );
}
