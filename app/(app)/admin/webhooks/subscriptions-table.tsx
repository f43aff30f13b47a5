"use client";

import { useState, useTransition } from "react";
import type { WebhookSubscriptionView } from "@/lib/webhooks/list-webhook-subscriptions";
import { Badge, Button } from "../../../_components/ui";
import { deleteSubscription, setSubscriptionActive } from "./actions";

export function SubscriptionsTable({
  brandId,
  subscriptions,
}: {
  brandId: string;
  subscriptions: WebhookSubscriptionView[];
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function run(fn: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    setError(null);
    startTransition(async () => {
      const result = await fn();
      if (!result.ok) setError(result.error?.message ?? "Something went wrong");
    });
  }

  if (subscriptions.length === 0) {
    return <p className="px-6 py-5 text-sm text-slate-700">No endpoints yet.</p>;
  }
  return (
    <div>
      <div aria-live="polite" className="px-6 pt-4 empty:hidden">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
      </div>
      <table className="mt-2 w-full text-left text-sm">
        <caption className="sr-only">Webhook endpoints</caption>
        <thead className="border-b border-slate-200 text-slate-700">
          <tr>
            <th scope="col" className="px-6 py-3 font-medium">
              URL
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Events
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
          {subscriptions.map((s) => (
            <tr
              key={s.id}
              className="border-b border-slate-100 last:border-0"
              data-testid={`webhook-${s.id}`}
            >
              <td className="px-6 py-3 font-mono text-xs break-all text-slate-900">{s.url}</td>
              <td className="px-6 py-3 text-slate-800">{s.eventTypes.join(", ")}</td>
              <td className="px-6 py-3">
                {s.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>}
              </td>
              <td className="space-x-2 px-6 py-3 text-right whitespace-nowrap">
                <Button
                  variant="secondary"
                  disabled={pending}
                  onClick={() =>
                    run(() => setSubscriptionActive({ brandId, subscriptionId: s.id, active: !s.active }))
                  }
                >
                  {s.active ? "Disable" : "Enable"}
                  <span className="sr-only"> {s.url}</span>
                </Button>
                <Button
                  variant="danger"
                  disabled={pending}
                  onClick={() => {
                    if (window.confirm(`Delete the endpoint ${s.url} and its delivery history?`)) {
                      run(() => deleteSubscription({ brandId, subscriptionId: s.id }));
                    }
                  }}
                >
                  Delete<span className="sr-only"> {s.url}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
