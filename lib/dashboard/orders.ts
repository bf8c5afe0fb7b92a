import "server-only";
import type { models } from "@/lib/polar/client";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { listRead } from "./list-page";

/** What the orders table shows of an order. */
export interface OrderRow {
  id: string;
  customer: string;
  product: string;
  status: string;
  createdAt: string;
  amount: number;
  currency: string;
  invoiceNumber: string | null;
}

const toRow = (order: models.Order): OrderRow => ({
  id: order.id,
  customer: order.customer.name ?? order.customer.email ?? "—",
  product: order.product?.name ?? order.description,
  status: order.status,
  createdAt: String(order.created_at),
  amount: order.total_amount,
  currency: order.currency,
  invoiceNumber: order.invoice_number,
});

/** The organization's orders, newest first. */
export const ordersLoader = listRead({
  name: "orders",
  scope: READ_SCOPES.orders,
  list: (polar, organizationId, { page, limit }) =>
    polar.orders.list({ organization_id: organizationId, page, limit, sorting: ["-created_at"] }),
  organizationOf: (order) => order.customer.organization_id,
  toRow,
});
