"use client";

import type { Member } from "@/lib/accounts/list-members";
import { Badge, Button, Select } from "../../_components/ui";
import { changeMemberRole, changeUserDisabled } from "./actions";
import { AdminTable, useRowActions } from "./admin-table";

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
  const actions = useRowActions();
  return (
    <AdminTable
      caption="Brand members"
      rows={members}
      rowKey={(m) => m.userId}
      rowTestId={(m) => `member-${m.email}`}
      empty="No members yet."
      actions={actions}
      columns={[
        {
          header: "Name",
          className: "font-medium text-slate-900",
          cell: (m) => (
            <>
              {m.name}
              {m.groups.length > 0 && (
                <span className="ml-2 text-xs text-slate-700">({m.groups.join(", ")})</span>
              )}
            </>
          ),
        },
        { header: "Email", className: "text-slate-800", cell: (m) => m.email },
        {
          header: "Role",
          cell: (m) => (
            <Select
              aria-label={`Role of ${m.name}`}
              defaultValue={m.role}
              disabled={actions.pending}
              onChange={(e) => {
                const role = e.target.value as (typeof ROLES)[number];
                actions.run(
                  () => changeMemberRole({ brandId, userId: m.userId, role }),
                  `${m.name} is now ${role}`,
                );
              }}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </Select>
          ),
        },
        {
          header: "Status",
          cell: (m) => (m.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>),
        },
        {
          header: null,
          className: "text-right",
          cell: (m) =>
            m.userId !== selfId && (
              <Button
                variant={m.disabled ? "secondary" : "danger"}
                disabled={actions.pending}
                onClick={() =>
                  actions.run(
                    () => changeUserDisabled({ brandId, userId: m.userId, disabled: !m.disabled }),
                    `${m.name} ${m.disabled ? "enabled" : "disabled"}`,
                  )
                }
              >
                {m.disabled ? "Enable" : "Disable"}
                <span className="sr-only"> {m.name}</span>
              </Button>
            ),
        },
      ]}
    />
  );
}
