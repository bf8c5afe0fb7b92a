import type { models } from "@polar-sh/sdk/2026-10";
import { formatDate, formatMoney } from "@/lib/format";
import { DataTable, TwoLineCell } from "../data-table";
import { PolarLink } from "../external-link";
import { StatusBadge } from "../status-badge";

export function OrdersTable({ orders, slug }: { orders: models.Order[]; slug: string }) {
  return (
    <DataTable
      caption="Orders"
      rows={orders}
      columns={[
        {
          header: "Customer",
          cell: (o) => <TwoLineCell title={o.customer.name ?? o.customer.email} detail={o.product?.name ?? o.description} />,
        },
        { header: "Status", className: "hidden @md:table-cell", cell: (o) => <StatusBadge status={o.status} /> },
        { header: "Date", className: "hidden @3xl:table-cell text-zinc-600 dark:text-zinc-400", cell: (o) => formatDate(o.created_at) },
        { header: "Amount", align: "right", cell: (o) => formatMoney(o.total_amount, o.currency) },
        {
          header: "Open in Polar",
          hideHeader: true,
          cell: (o) => <PolarLink slug={slug} path={`/sales/${o.id}`} label={`Open order ${o.invoice_number} in Polar`} />,
        },
      ]}
    />
  );
}
