"use client";

import type { WebhookSubscriptionView } from "@/lib/webhooks/list-webhook-subscriptions";
import { Badge, Button } from "../../../_components/ui";
import { AdminTable, useRowActions } from "../admin-table";
import { deleteSubscription, setSubscriptionActive } from "./actions";

export function SubscriptionsTable({
  brandId,
  subscriptions,
}: {
  brandId: string;
  subscriptions: WebhookSubscriptionView[];
}) {
  const actions = useRowActions();
  return (
    <AdminTable
      caption="Webhook endpoints"
      rows={subscriptions}
      rowKey={(s) => s.id}
      rowTestId={(s) => `webhook-${s.id}`}
      empty="No endpoints yet."
      actions={actions}
      columns={[
        { header: "URL", className: "font-mono text-xs break-all text-slate-900", cell: (s) => s.url },
        { header: "Events", className: "text-slate-800", cell: (s) => s.eventTypes.join(", ") },
        {
          header: "Status",
          cell: (s) => (s.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Disabled</Badge>),
        },
        {
          header: null,
          className: "space-x-2 text-right whitespace-nowrap",
          cell: (s) => (
            <>
              <Button
                variant="secondary"
                disabled={actions.pending}
                onClick={() =>
                  actions.run(() =>
                    setSubscriptionActive({ brandId, subscriptionId: s.id, active: !s.active }),
                  )
                }
              >
                {s.active ? "Disable" : "Enable"}
                <span className="sr-only"> {s.url}</span>
              </Button>
              <Button
                variant="danger"
                disabled={actions.pending}
                onClick={() => {
                  if (window.confirm(`Delete the endpoint ${s.url} and its delivery history?`)) {
                    actions.run(() => deleteSubscription({ brandId, subscriptionId: s.id }));
                  }
                }}
              >
                Delete<span className="sr-only"> {s.url}</span>
              </Button>
            </>
          ),
        },
      ]}
    />
  );
}
