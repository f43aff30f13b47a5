"use client";

import { useState, useTransition } from "react";
import type { Member } from "@/lib/auth/list-members";
import { Badge, Button, Select } from "../../_components/ui";
import { changeMemberRole, changeUserDisabled } from "./actions";

const ROLES = ["marketer", "reviewer", "admin"] as const;

export function MembersTable({
  brandId,
  selfId,
  members,
}: {
  brandId: string;
  selfId: string;
  members: Member[];
}) {
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(label: string, fn: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setError(null);
    setStatus(null);
    startTransition(async () => {
      const result = await fn();
      if (result.ok) setStatus(label);
      else setError(result.error?.message ?? "Something went wrong");
    });
  }

  return (
    <div>
      <div aria-live="polite" className="px-6 pt-4 empty:hidden">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
        {status && <p className="text-sm text-green-900">{status}</p>}
      </div>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Brand members</caption>
        <thead className="border-b border-slate-200 text-slate-700">
          <tr>
            <th scope="col" className="px-6 py-3 font-medium">
              Name
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Email
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Role
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr
              key={m.userId}
              className="border-b border-slate-100 last:border-0"
              data-testid={`member-${m.email}`}
            >
              <td className="px-6 py-3 font-medium text-slate-900">
                {m.name}
                {m.groups.length > 0 && (
                  <span className="ml-2 text-xs text-slate-700">({m.groups.join(", ")})</span>
                )}
              </td>
              <td className="px-6 py-3 text-slate-800">{m.email}</td>
              <td className="px-6 py-3">
                <Select
                  aria-label={`Role of ${m.name}`}
                  defaultValue={m.role}
                  disabled={pending}
                  onChange={(e) => {
                    const role = e.target.value as (typeof ROLES)[number];
                    run(`${m.name} is now ${role}`, () =>
                      changeMemberRole({ brandId, userId: m.userId, role }),
                    );
                  }}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </Select>
              </td>
              <td className="px-6 py-3">
                {m.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}
              </td>
              <td className="px-6 py-3 text-right">
                {m.userId !== selfId && (
                  <Button
                    variant={m.disabled ? "secondary" : "danger"}
                    disabled={pending}
                    onClick={() =>
                      run(`${m.name} ${m.disabled ? "enabled" : "disabled"}`, () =>
                        changeUserDisabled({ brandId, userId: m.userId, disabled: !m.disabled }),
                      )
                    }
                  >
                    {m.disabled ? "Enable" : "Disable"}
                    <span className="sr-only"> {m.name}</span>
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
