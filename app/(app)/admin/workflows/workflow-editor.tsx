"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { WorkflowStage } from "@/lib/review/workflow";
import { Button, Input, Label, Select } from "../../../_components/ui";
import { saveWorkflowAction } from "./actions";

type Issue = { path: string; message: string };

/** Edits the ordered stages; the server validates and names the field at fault. */
export function WorkflowEditor({
  brandId,
  channel,
  channels,
  initial,
}: {
  brandId: string;
  /** The workflow's channel, or null to choose one of `channels`. */
  channel: string | null;
  channels: readonly string[];
  initial: WorkflowStage[];
}) {
  const router = useRouter();
  const [stages, setStages] = useState<WorkflowStage[]>(initial);
  const [chosen, setChosen] = useState(channel ?? channels[0] ?? "");
  const [issues, setIssues] = useState<Issue[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const key = channel ?? "new";
  const set = (i: number, patch: Partial<WorkflowStage>) =>
    setStages((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const issueFor = (i: number, field: string) =>
    issues.find((x) => x.path === `stages.${i}.${field}`)?.message;
  const move = (i: number, by: number) =>
    setStages((all) => {
      const next = [...all];
      const [s] = next.splice(i, 1);
      next.splice(i + by, 0, s!);
      return next;
    });
  if (channel === null && channels.length === 0)
    return <p className="mt-2 text-sm text-slate-700">Every channel already has its own workflow.</p>;
  return (
    <form
      className="mt-3 space-y-3"
      aria-label={`Workflow ${channel === "*" ? "default" : (channel ?? "new")}`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await saveWorkflowAction({ brandId, channel: chosen as never, stages });
          if (!result.ok) {
            setIssues(Array.isArray(result.error.details) ? (result.error.details as Issue[]) : []);
            setMessage(result.error.message);
            return;
          }
          setIssues([]);
          setMessage(`Saved as version ${result.data.version}`);
          router.refresh();
        });
      }}
    >
      {channel === null && (
        <div>
          <Label htmlFor={`${key}-channel`}>Channel</Label>
          <Select id={`${key}-channel`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
      )}
      {stages.map((s, i) => (
        <fieldset key={i} className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Stage {i + 1}</legend>
          <div className="grid gap-3 md:grid-cols-3">
            <div>
              <Label htmlFor={`${key}-${i}-name`}>Name</Label>
              <Input
                id={`${key}-${i}-name`}
                value={s.name}
                aria-invalid={!!issueFor(i, "name")}
                onChange={(e) => set(i, { name: e.target.value })}
              />
              {issueFor(i, "name") && <p className="text-xs text-red-900">{issueFor(i, "name")}</p>}
            </div>
            <div>
              <Label htmlFor={`${key}-${i}-who`}>Who acts</Label>
              <Select
                id={`${key}-${i}-who`}
                value={s.actor.kind === "role" ? `role:${s.actor.role}` : "group"}
                onChange={(e) =>
                  set(i, {
                    actor:
                      e.target.value === "group"
                        ? { kind: "group", group: s.actor.kind === "group" ? s.actor.group : "legal" }
                        : { kind: "role", role: e.target.value === "role:admin" ? "admin" : "reviewer" },
                  })
                }
              >
                <option value="role:reviewer">Reviewers (and admins)</option>
                <option value="role:admin">Admins</option>
                <option value="group">A named group</option>
              </Select>
            </div>
            {s.actor.kind === "group" && (
              <div>
                <Label htmlFor={`${key}-${i}-group`}>Group</Label>
                <Input
                  id={`${key}-${i}-group`}
                  value={s.actor.group}
                  aria-invalid={!!issueFor(i, "actor.group")}
                  onChange={(e) => set(i, { actor: { kind: "group", group: e.target.value } })}
                />
                {issueFor(i, "actor.group") && (
                  <p className="text-xs text-red-900">{issueFor(i, "actor.group")}</p>
                )}
              </div>
            )}
            <div>
              <Label htmlFor={`${key}-${i}-approvals`}>Approvals needed</Label>
              <Input
                id={`${key}-${i}-approvals`}
                type="number"
                min={1}
                max={5}
                value={s.approvals}
                onChange={(e) => set(i, { approvals: Number(e.target.value) })}
              />
            </div>
            <div>
              <Label htmlFor={`${key}-${i}-sla`}>SLA (hours)</Label>
              <Input
                id={`${key}-${i}-sla`}
                type="number"
                min={1}
                value={s.slaHours}
                onChange={(e) => set(i, { slaHours: Number(e.target.value) })}
              />
            </div>
            <div className="flex flex-col justify-end gap-1 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={s.legal}
                  onChange={(e) =>
                    set(i, {
                      legal: e.target.checked,
                      onlyWhenFlagged: e.target.checked && s.onlyWhenFlagged,
                    })
                  }
                />
                Legal stage (content with claims must pass it)
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={s.onlyWhenFlagged}
                  disabled={!s.legal}
                  onChange={(e) => set(i, { onlyWhenFlagged: e.target.checked })}
                />
                Only for content with claims
              </label>
            </div>
          </div>
          <div className="mt-2 flex gap-2">
            <Button type="button" variant="ghost" disabled={i === 0} onClick={() => move(i, -1)}>
              Move up
            </Button>
            <Button
              type="button"
              variant="ghost"
              disabled={i === stages.length - 1}
              onClick={() => move(i, 1)}
            >
              Move down
            </Button>
            <Button
              type="button"
              variant="ghost"
              disabled={stages.length === 1}
              onClick={() => setStages((all) => all.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </div>
        </fieldset>
      ))}
      <div className="flex gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setStages((all) => [
              ...all,
              {
                name: `Stage ${all.length + 1}`,
                actor: { kind: "role", role: "reviewer" },
                approvals: 1,
                slaHours: 24,
                legal: false,
                onlyWhenFlagged: false,
              },
            ])
          }
        >
          Add a stage
        </Button>
        <Button type="submit" disabled={pending}>
          Save new version
        </Button>
      </div>
      {message && (
        <p
          role={issues.length ? "alert" : "status"}
          className={`text-sm ${issues.length ? "text-red-900" : "text-green-900"}`}
        >
          {message}
          {issues
            .filter((x) => !/^stages\.\d+\.(name|actor\.group)$/.test(x.path))
            .map((x) => (
              <span key={x.path + x.message} className="block">
                {x.path}: {x.message}
              </span>
            ))}
        </p>
      )}
    </form>
  );
}
