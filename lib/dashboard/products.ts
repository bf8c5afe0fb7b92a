import "server-only";
import type { models } from "@/lib/polar/client";
import { formatMoney } from "@/lib/format";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { listRead } from "./list-page";

/** What the products table shows of a product. */
export interface ProductRow {
  id: string;
  name: string;
  description: string | null;
  recurring: boolean;
  /** Its prices as people read them, e.g. "$15.00" or "Pay what you want". */
  price: string;
  interval: { unit: string; count: number } | null;
}

function formatPrice(price: models.ProductPrice) {
  switch (price.amount_type) {
    case "fixed":
      return formatMoney(price.price_amount, price.price_currency);
    case "custom":
      return price.minimum_amount
        ? `From ${formatMoney(price.minimum_amount, price.price_currency)}`
        : "Pay what you want";
    case "seat_based":
      return "Per seat";
    case "unit_based":
      return "Per unit";
    default:
      return "Usage-based";
  }
}

const toRow = (product: models.Product): ProductRow => ({
  id: product.id,
  name: product.name,
  description: product.description ?? null,
  recurring: product.is_recurring,
  price: product.prices.map(formatPrice).join(", ") || "—",
  interval: product.recurring_interval
    ? { unit: product.recurring_interval, count: product.recurring_interval_count ?? 1 }
    : null,
});

/** The organization's products, newest first, not archived; `query` searches them ("" for all). */
export const productsLoader = listRead({
  name: "products",
  scope: READ_SCOPES.products,
  list: (polar, organizationId, { page, limit, query }) =>
    polar.products.list({
      organization_id: organizationId,
      page,
      limit,
      query: query || null,
      is_archived: false,
      sorting: ["-created_at"],
    }),
  organizationOf: (product) => product.organization_id,
  toRow,
});
