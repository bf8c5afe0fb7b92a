"use server";

import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { findConnection } from "@/lib/grants/connections";
import { invalidateReads } from "@/lib/polar-cache/read-cache";
import { organizationTenant } from "@/lib/polar-cache/tenants";
import { listSearch, overviewSearch, parseSearchParams } from "@/lib/search-params";
import { customersRead } from "./customers";
import { PAGE_SIZE, PANEL_SIZE } from "./list-page";
import { metricsRead } from "./metrics";
import { ordersRead } from "./orders";
import { detailsRead } from "./organization-details";
import { organizationReadKey } from "./organization-access";
import { productsRead } from "./products";
import { subscriptionsRead } from "./subscriptions";

/** An organization's Refresh renews what its page shows at most this often, whoever asks. */
const REFRESH_EVERY_SECONDS = 10;

/** The tabs' paths under /dashboard/<slug>, and the reads each page shows, with where they are in the list. */
function pageReads(path: string, search: Record<string, string>) {
  if (path === "") {
    const { period } = parseSearchParams(overviewSearch, search);
    const reads = [
      detailsRead(),
      metricsRead(period),
      ordersRead(1, PANEL_SIZE),
      subscriptionsRead(1, PANEL_SIZE),
      productsRead(1, PANEL_SIZE, ""),
      customersRead(1, PANEL_SIZE, ""),
    ];
    return { reads, search: new URLSearchParams(search.period ? { period } : {}) };
  }
  const { page, query } = parseSearchParams(listSearch, search);
  const list = {
    "/products": productsRead(page, PAGE_SIZE, query),
    "/customers": customersRead(page, PAGE_SIZE, query),
    "/orders": ordersRead(page, PAGE_SIZE),
    "/subscriptions": subscriptionsRead(page, PAGE_SIZE),
  }[path];
  if (!list) return undefined;
  const kept = new URLSearchParams({
    ...(query ? { query } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  });
  return { reads: [detailsRead(), list], search: kept };
}

/** Whether the tenant's Refresh may run now (and records that it does), in one statement. */
async function refreshAllowed(tenant: string) {
  const allowed = await db.$queryRaw<unknown[]>`
    INSERT INTO "PolarCacheRefresh" (tenant, "refreshedAt") VALUES (${tenant}, now())
    ON CONFLICT (tenant) DO UPDATE SET "refreshedAt" = now()
    WHERE "PolarCacheRefresh"."refreshedAt" < now() - make_interval(secs => ${REFRESH_EVERY_SECONDS})
    RETURNING 1`;
  return allowed.length === 1;
}

/**
 * Form fields `slug`, `path` (the tab: "" or "/orders", …) and `search` (its
 * query string): reads what that page shows from Polar again, at most once per
 * REFRESH_EVERY_SECONDS per organization, then shows the page again.
 */
export async function refreshOrganization(formData: FormData) {
  const user = await currentUser();
  const field = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const connection = await findConnection(user.id, field("slug"));
  if (!connection) redirect("/dashboard");
  const base = `/dashboard/${connection.organizationSlug}`;
  const page = pageReads(field("path"), Object.fromEntries(new URLSearchParams(field("search"))));
  if (!page) redirect(base);
  const tenant = organizationTenant(connection.organizationId);
  if (await refreshAllowed(tenant))
    await invalidateReads(
      tenant,
      page.reads.map((read) => organizationReadKey(connection.organizationId, read)),
    );
  const query = page.search.toString();
  redirect(`${base}${field("path")}${query ? `?${query}` : ""}`);
}
