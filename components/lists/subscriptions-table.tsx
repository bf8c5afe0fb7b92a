import type { models } from "@polar-sh/sdk/2026-10";
import { formatDate, formatInterval, formatMoney } from "@/lib/format";
import { DataTable, TwoLineCell } from "../data-table";
import { PolarLink } from "../external-link";
import { StatusBadge } from "../status-badge";

export function SubscriptionsTable({ subscriptions, slug }: { subscriptions: models.Subscription[]; slug: string }) {
  return (
    <DataTable
      caption="Subscriptions"
      rows={subscriptions}
      columns={[
        {
          header: "Customer",
          cell: (s) => <TwoLineCell title={s.customer.name ?? s.customer.email} detail={s.product.name} />,
        },
        {
          header: "Status",
          className: "hidden @md:table-cell",
          cell: (s) => <StatusBadge status={s.status} label={s.cancel_at_period_end && s.status === "active" ? "Canceling" : undefined} />,
        },
        {
          header: "Renews",
          className: "hidden @3xl:table-cell text-zinc-600 dark:text-zinc-400",
          cell: (s) => (s.ended_at ? `Ended ${formatDate(s.ended_at)}` : formatDate(s.current_period_end)),
        },
        {
          header: "Amount",
          align: "right",
          cell: (s) => (
            <span>
              {formatMoney(s.amount, s.currency)}
              <span className="text-zinc-500 dark:text-zinc-400"> {formatInterval(s.recurring_interval, s.recurring_interval_count)}</span>
            </span>
          ),
        },
        {
          header: "Open in Polar",
          hideHeader: true,
          cell: (s) => (
            <PolarLink slug={slug} path={`/sales/subscriptions/${s.id}`} label={`Open the subscription of ${s.customer.email} in Polar`} />
          ),
        },
      ]}
    />
  );
}
