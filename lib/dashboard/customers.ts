import "server-only";
import type { models } from "@/lib/polar/client";
import { READ_SCOPES } from "@/lib/polar/scopes";
import { listRead } from "./list-page";

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

/** The organization's customers, newest first; `query` searches names and emails ("" for all). */
export const customersLoader = listRead({
  name: "customers",
  scope: READ_SCOPES.customers,
  list: (polar, organizationId, { page, limit, query }) =>
    polar.customers.list({
      organization_id: organizationId,
      page,
      limit,
      query: query || null,
      sorting: ["-created_at"],
    }),
  organizationOf: (customer) => customer.organization_id,
  toRow,
});
