"use client";

import { useState } from "react";
import type { WebhookSubscriptionView } from "@/lib/webhooks/list-webhook-subscriptions";
import { formatDateTime } from "../../../_components/format-date-time";
import { Badge, Button } from "../../../_components/ui";
import { AdminTable, useRowActions } from "../admin-table";
import { deleteSubscription, rotateSecret, setSubscriptionActive } from "./actions";

export function SubscriptionsTable({
  brandId,
  subscriptions,
  locale,
}: {
  brandId: string;
  subscriptions: WebhookSubscriptionView[];
  locale: string;
}) {
  const actions = useRowActions();
  const [rotated, setRotated] = useState<{ url: string; secret: string; until: string | null } | null>(null);
  return (
    <>
      {rotated && (
        <div
          role="status"
          className="mx-6 mt-4 rounded-md border border-green-200 bg-green-50 p-4 text-sm text-green-900"
        >
          <p className="font-medium">New signing secret for {rotated.url}</p>
          <p className="mt-1">
            Shown only now. Until {rotated.until ? formatDateTime(rotated.until, locale) : "now"} each
            delivery is signed with both the old and the new secret, so the receiver can switch without
            missing one.
          </p>
          <code
            data-testid="rotated-secret"
            className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono"
          >
            {rotated.secret}
          </code>
        </div>
      )}
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
                  variant="secondary"
                  disabled={actions.pending}
                  onClick={() => {
                    if (
                      window.confirm(
                        `Give ${s.url} a new signing secret? The old one keeps signing for a day.`,
                      )
                    ) {
                      setRotated(null);
                      actions.run(async () => {
                        const result = await rotateSecret({ brandId, subscriptionId: s.id });
                        if (result.ok)
                          setRotated({
                            url: s.url,
                            secret: result.data.secret,
                            until: result.data.previousSecretExpiresAt,
                          });
                        return result;
                      });
                    }
                  }}
                >
                  Rotate secret<span className="sr-only"> {s.url}</span>
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
    </>
  );
}
