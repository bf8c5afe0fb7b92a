import "server-only";
import type { models } from "@/lib/polar/client";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { listRead } from "./list-page";

/** What the subscriptions table shows of a subscription. */
export interface SubscriptionRow {
  id: string;
  customer: string;
  customerEmail: string | null;
  product: string;
  status: string;
  canceling: boolean;
  endedAt: string | null;
  currentPeriodEnd: string | null;
  amount: number;
  currency: string;
  interval: { unit: string; count: number };
}

const toRow = (subscription: models.Subscription): SubscriptionRow => ({
  id: subscription.id,
  customer: subscription.customer.name ?? subscription.customer.email ?? "—",
  customerEmail: subscription.customer.email ?? null,
  product: subscription.product.name,
  status: subscription.status,
  canceling: subscription.cancel_at_period_end && subscription.status === "active",
  endedAt: subscription.ended_at ? String(subscription.ended_at) : null,
  currentPeriodEnd: subscription.current_period_end ? String(subscription.current_period_end) : null,
  amount: subscription.amount,
  currency: subscription.currency,
  interval: { unit: subscription.recurring_interval, count: subscription.recurring_interval_count },
});

/** The organization's subscriptions, most recently started first. */
export const subscriptionsLoader = listRead({
  name: "subscriptions",
  scope: READ_SCOPES.subscriptions,
  list: (polar, organizationId, { page, limit }) =>
    polar.subscriptions.list({ organization_id: organizationId, page, limit, sorting: ["-started_at"] }),
  organizationOf: (subscription) => subscription.product.organization_id,
  toRow,
});
