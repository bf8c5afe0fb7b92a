import "server-only";
import { cache } from "react";
import type { models } from "@polar-sh/sdk/2026-10";
import { listPage } from "./list-page";
import { readOrganization } from "./organization-access";

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
export const readOrders = cache((slug: string, page: number, limit: number) =>
  readOrganization(slug, ["orders", page, limit], "orders:read", async (polar) =>
    listPage(await polar.orders.list({ page, limit, sorting: ["-created_at"] }), toRow),
  ),
);
