import "server-only";
import { currentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { findConnection } from "@/lib/grants/connections";
import { invalidateReads } from "@/lib/polar-cache/read-cache";
import { organizationTenant } from "@/lib/polar-cache/tenants";
import { DETAILS } from "./organization-details";
import { organizationReadKey } from "./organization-access";

/** An organization's Refresh renews what its page shows at most this often, whoever asks. */
const REFRESH_EVERY_SECONDS = 10;

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
 * Makes the next view of the signed-in user's organization `slug` read `reads`
 * (loaders' keys) and its header from Polar again, at most once per
 * REFRESH_EVERY_SECONDS per organization. False when the organization is not
 * one of theirs.
 */
export async function refreshReads(slug: string, reads: (string | number)[][]) {
  const connection = await findConnection((await currentUser()).id, slug);
  if (!connection) return false;
  const tenant = organizationTenant(connection.organizationId);
  if (await refreshAllowed(tenant))
    await invalidateReads(
      tenant,
      [[DETAILS], ...reads].map((read) => organizationReadKey(connection.organizationId, read)),
    );
  return true;
}
