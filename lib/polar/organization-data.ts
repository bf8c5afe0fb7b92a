import "server-only";
import { cache } from "react";
import type { Polar } from "@polar-sh/sdk/2026-10";
import { describePolarError, isUnauthorized, type Loaded } from "./errors";
import { organizationAccess, organizationAccessAfter401 } from "./organization";
import { periodRange, type PeriodKey } from "./periods";

/**
 * What the organization dashboard reads from Polar. Every reader is wrapped in
 * React's cache(), so panels that need the same data in one render share one
 * request; all of them share the one token lookup in organizationAccess.
 * Failures come back as a Loaded problem for the panel to show, not as throws.
 */
async function load<T>(
  userId: string,
  slug: string,
  scope: string,
  call: (polar: Polar, organizationId: string) => Promise<T>,
): Promise<Loaded<T>> {
  try {
    const access = await organizationAccess(userId, slug);
    if (access?.status !== "ok") return { ok: false, problem: { kind: "reconnect" } };
    const { connection } = access;
    try {
      return { ok: true, data: await call(access.polar, connection.organizationId) };
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      // Once, with the token a concurrent refresh stored (see organizationAccessAfter401).
      const polar = await organizationAccessAfter401(connection.id, connection.organizationId, access.accessToken);
      if (!polar) throw error;
      return { ok: true, data: await call(polar, connection.organizationId) };
    }
  } catch (error) {
    return { ok: false, problem: describePolarError(error, scope) };
  }
}

export const PAGE_SIZE = 20;
export const PANEL_SIZE = 5;

export const organizationDetails = cache((userId: string, slug: string) =>
  load(userId, slug, "organizations:read", (polar, id) => polar.organizations.get(id)),
);

export const organizationMetrics = cache((userId: string, slug: string, period: PeriodKey) =>
  load(userId, slug, "metrics:read", (polar) =>
    polar.metrics.get({
      ...periodRange(period),
      metrics: ["revenue", "orders", "active_subscriptions"],
    }),
  ),
);

// Every argument is required: cache() keys on the argument list as passed, so
// an omitted default would miss the entry of a call that spelled it out.
export const productList = cache((userId: string, slug: string, page: number, limit: number, query: string) =>
  load(userId, slug, "products:read", (polar) =>
    polar.products.list({ page, limit, query: query || null, is_archived: false, sorting: ["-created_at"] }),
  ),
);

export const orderList = cache((userId: string, slug: string, page: number, limit: number) =>
  load(userId, slug, "orders:read", (polar) => polar.orders.list({ page, limit, sorting: ["-created_at"] })),
);

export const customerList = cache((userId: string, slug: string, page: number, limit: number, query: string) =>
  load(userId, slug, "customers:read", (polar) =>
    polar.customers.list({ page, limit, query: query || null, sorting: ["-created_at"] }),
  ),
);

export const subscriptionList = cache((userId: string, slug: string, page: number, limit: number) =>
  load(userId, slug, "subscriptions:read", (polar) =>
    polar.subscriptions.list({ page, limit, sorting: ["-started_at"] }),
  ),
);
