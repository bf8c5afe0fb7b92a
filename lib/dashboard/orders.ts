import "server-only";
import { cache } from "react";
import type { models } from "@/lib/polar/client";
import { isLongTail, listPage } from "./list-page";
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

/** The cache's name for one page of orders. */
export const ordersRead = (page: number, limit: number) => ["orders", page, limit];

/** The organization's orders, newest first. */
export const readOrders = cache((slug: string, page: number, limit: number) =>
  readOrganization(
    slug,
    ordersRead(page, limit),
    "orders:read",
    async (polar, organizationId) =>
      listPage(
        await polar.orders.list({ organization_id: organizationId, page, limit, sorting: ["-created_at"] }),
        toRow,
        { organizationId, organizationOf: (order) => order.customer.organization_id },
      ),
    { longTail: isLongTail(page) },
  ),
);
