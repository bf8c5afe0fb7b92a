import "server-only";
import { cache } from "react";
import type { models } from "@/lib/polar/client";
import { isLongTail, listPage } from "./list-page";
import { readOrganization } from "./organization-access";

/** What the customers table shows of a customer. */
export interface CustomerRow {
  id: string;
  name: string | null;
  email: string | null;
  country: string | null;
  createdAt: string;
}

const toRow = (customer: models.Customer): CustomerRow => ({
  id: customer.id,
  name: customer.name ?? null,
  email: customer.email ?? null,
  country: customer.billing_address?.country ?? null,
  createdAt: String(customer.created_at),
});

/** The cache's name for one page of customers. */
export const customersRead = (page: number, limit: number, query: string) => [
  "customers",
  page,
  limit,
  query,
];

/** The organization's customers, newest first; `query` searches names and emails ("" for all). */
export const readCustomers = cache((slug: string, page: number, limit: number, query: string) =>
  readOrganization(
    slug,
    customersRead(page, limit, query),
    "customers:read",
    async (polar, organizationId) =>
      listPage(
        await polar.customers.list({
          organization_id: organizationId,
          page,
          limit,
          query: query || null,
          sorting: ["-created_at"],
        }),
        toRow,
        { organizationId, organizationOf: (customer) => customer.organization_id },
      ),
    { longTail: isLongTail(page, query) },
  ),
);
