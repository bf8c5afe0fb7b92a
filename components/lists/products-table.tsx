import type { models } from "@polar-sh/sdk/2026-10";
import { formatInterval, formatMoney } from "@/lib/format";
import { DataTable, TwoLineCell } from "../data-table";
import { PolarLink } from "../external-link";
import { StatusBadge } from "../status-badge";

function formatPrice(price: models.ProductPrice) {
  switch (price.amount_type) {
    case "fixed":
      return formatMoney(price.price_amount, price.price_currency);
    case "custom":
      return price.minimum_amount ? `From ${formatMoney(price.minimum_amount, price.price_currency)}` : "Pay what you want";
    case "seat_based":
      return "Per seat";
    case "unit_based":
      return "Per unit";
    default:
      return "Usage-based";
  }
}

export function ProductsTable({ products, slug }: { products: models.Product[]; slug: string }) {
  return (
    <DataTable
      caption="Products"
      rows={products}
      columns={[
        {
          header: "Product",
          cell: (p) => <TwoLineCell title={p.name} detail={p.description} />,
        },
        {
          header: "Type",
          className: "hidden @3xl:table-cell",
          cell: (p) => <StatusBadge status={p.is_recurring ? "trialing" : "draft"} label={p.is_recurring ? "Subscription" : "One-time"} />,
        },
        {
          header: "Price",
          align: "right",
          cell: (p) => (
            <span>
              {p.prices.map((price) => formatPrice(price)).join(", ") || "—"}
              {p.recurring_interval && (
                <span className="text-zinc-500 dark:text-zinc-400"> {formatInterval(p.recurring_interval, p.recurring_interval_count ?? 1)}</span>
              )}
            </span>
          ),
        },
        {
          header: "Open in Polar",
          hideHeader: true,
          cell: (p) => <PolarLink slug={slug} path={`/products/${p.id}`} label={`Open ${p.name} in Polar`} />,
        },
      ]}
    />
  );
}
