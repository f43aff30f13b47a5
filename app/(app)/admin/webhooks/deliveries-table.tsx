"use client";

import type { WebhookDeliveryView } from "@/lib/webhooks/list-webhook-deliveries";
import { DateTime } from "../../../_components/date-time";
import { Badge, Button } from "../../../_components/ui";
import { AdminTable, useRowActions } from "../admin-table";
import { redeliver } from "./actions";

const TONE = { pending: "blue", delivered: "green", dead: "red" } as const;

export function DeliveriesTable({
  brandId,
  deliveries,
  locale,
}: {
  brandId: string;
  deliveries: WebhookDeliveryView[];
  locale: string;
}) {
  const actions = useRowActions();
  return (
    <AdminTable
      caption="Recent webhook deliveries"
      rows={deliveries}
      rowKey={(d) => d.id}
      rowTestId={(d) => `delivery-${d.id}`}
      empty="No deliveries yet."
      actions={actions}
      columns={[
        {
          header: "Event",
          cell: (d) => (
            <>
              <code className="text-slate-900">{d.eventType}</code>
              <div className="text-xs text-slate-700">
                <DateTime value={d.createdAt} locale={locale} />
              </div>
            </>
          ),
        },
        { header: "Endpoint", className: "font-mono text-xs break-all text-slate-800", cell: (d) => d.url },
        {
          header: "Status",
          cell: (d) => (
            <>
              <Badge tone={TONE[d.status]}>{d.status}</Badge>
              {d.status === "pending" && d.attempts > 0 && (
                <div className="text-xs text-slate-700">
                  next <DateTime value={d.nextAttemptAt} locale={locale} />
                </div>
              )}
            </>
          ),
        },
        { header: "Attempts", className: "text-slate-800", cell: (d) => d.attempts },
        {
          header: "Last result",
          className: "max-w-xs text-xs break-words text-slate-800",
          cell: (d) =>
            d.lastError ??
            (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : d.deliveredAt ? "delivered" : "—"),
        },
        {
          header: null,
          className: "text-right",
          cell: (d) =>
            d.status !== "pending" && (
              <Button
                variant="secondary"
                disabled={actions.pending}
                onClick={() => actions.run(() => redeliver({ brandId, deliveryId: d.id }))}
              >
                Redeliver
                <span className="sr-only">
                  {" "}
                  {d.eventType} to {d.url}
                </span>
              </Button>
            ),
        },
      ]}
    />
  );
}
