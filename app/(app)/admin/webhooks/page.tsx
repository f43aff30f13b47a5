import type { Metadata } from "next";
import { can } from "@/lib/auth/authorize";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { listWebhookSubscriptions } from "@/lib/webhooks/list-webhook-subscriptions";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import { requestLocale } from "../../../_components/request-locale";
import { Card, PageHeader } from "../../../_components/ui";
import { Forbidden, requireSection } from "../../require-section";
import { CreateSubscriptionForm } from "./create-subscription-form";
import { DeliveriesTable } from "./deliveries-table";
import { SubscriptionsTable } from "./subscriptions-table";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const access = await requireSection("admin");
  if (!access.allowed || !can(access.session, "webhooks:manage", access.membership.brandId)) {
    return <Forbidden />;
  }
  const { session, membership } = access;
  const locale = await requestLocale();
  const [subscriptions, deliveries] = await Promise.all([
    listWebhookSubscriptions(session, membership.brandId),
    listWebhookDeliveries(session, membership.brandId, { limit: 50 }),
  ]);
  const brands = session.memberships
    .filter((m) => can(session, "webhooks:manage", m.brandId))
    .map((m) => ({ id: m.brandId, name: m.brandName }));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={`Endpoints that ${membership.brandName} sends signed events to, and what happened to each delivery.`}
      />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-4 text-lg font-semibold text-slate-900">Add an endpoint</h2>
          <CreateSubscriptionForm
            brands={brands}
            defaultBrandId={membership.brandId}
            eventTypes={[...WEBHOOK_EVENT_TYPES]}
          />
        </Card>
        <Card className="p-0">
          <h2 className="px-6 pt-5 text-lg font-semibold text-slate-900">Endpoints</h2>
          <SubscriptionsTable brandId={membership.brandId} subscriptions={subscriptions} locale={locale} />
        </Card>
        <Card className="p-0">
          <h2 className="px-6 pt-5 text-lg font-semibold text-slate-900">Recent deliveries</h2>
          <DeliveriesTable brandId={membership.brandId} deliveries={deliveries} locale={locale} />
        </Card>
      </div>
    </>
  );
}
