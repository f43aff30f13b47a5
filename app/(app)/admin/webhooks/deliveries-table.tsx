"use client";

import { useState, useTransition } from "react";
import type { WebhookDeliveryView } from "@/lib/webhooks/list-webhook-deliveries";
import { Badge, Button } from "../../../_components/ui";
import { redeliver } from "./actions";

const TONE = { pending: "blue", delivered: "green", dead: "red" } as const;

export function DeliveriesTable({
  brandId,
  deliveries,
}: {
  brandId: string;
  deliveries: WebhookDeliveryView[];
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (deliveries.length === 0) {
    return <p className="px-6 py-5 text-sm text-slate-700">No deliveries yet.</p>;
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
        <caption className="sr-only">Recent webhook deliveries</caption>
        <thead className="border-b border-slate-200 text-slate-700">
          <tr>
            <th scope="col" className="px-6 py-3 font-medium">
              Event
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Endpoint
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Attempts
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              Last result
            </th>
            <th scope="col" className="px-6 py-3 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr
              key={d.id}
              className="border-b border-slate-100 last:border-0"
              data-testid={`delivery-${d.id}`}
            >
              <td className="px-6 py-3">
                <code className="text-slate-900">{d.eventType}</code>
                <div className="text-xs text-slate-700">{d.createdAt.toLocaleString()}</div>
              </td>
              <td className="px-6 py-3 font-mono text-xs break-all text-slate-800">{d.url}</td>
              <td className="px-6 py-3">
                <Badge tone={TONE[d.status]}>{d.status}</Badge>
                {d.status === "pending" && d.attempts > 0 && (
                  <div className="text-xs text-slate-700">next {d.nextAttemptAt.toLocaleTimeString()}</div>
                )}
              </td>
              <td className="px-6 py-3 text-slate-800">{d.attempts}</td>
              <td className="max-w-xs px-6 py-3 text-xs break-words text-slate-800">
                {d.lastError ??
                  (d.lastStatusCode !== null
                    ? `HTTP ${d.lastStatusCode}`
                    : d.deliveredAt
                      ? "delivered"
                      : "—")}
              </td>
              <td className="px-6 py-3 text-right">
                {d.status !== "pending" && (
                  <Button
                    variant="secondary"
                    disabled={pending}
                    onClick={() => {
                      setError(null);
                      startTransition(async () => {
                        const result = await redeliver({ brandId, deliveryId: d.id });
                        if (!result.ok) setError(result.error.message);
                      });
                    }}
                  >
                    Redeliver
                    <span className="sr-only">
                      {" "}
                      {d.eventType} to {d.url}
                    </span>
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
