import "server-only";
import { currentUser } from "@/lib/auth/current-user";
import { findConnection } from "@/lib/grants/connections";
import { renewReads } from "@/lib/polar-cache/read-cache";
import { organizationTenant } from "@/lib/polar-cache/tenants";
import { DETAILS } from "./organization-details";
import { organizationReadKey } from "./organization-access";

/**
 * Makes the next view of the signed-in user's organization `slug` read `reads`
 * (loaders' keys) and its header from Polar again, at most once every few
 * seconds per organization (renewReads). False when the organization is not
 * one of theirs.
 */
export async function refreshReads(slug: string, reads: (string | number)[][]) {
  const connection = await findConnection((await currentUser()).id, slug);
  if (!connection) return false;
  await renewReads(
    organizationTenant(connection.organizationId),
    [[DETAILS], ...reads].map((read) => organizationReadKey(connection.organizationId, read)),
  );
  return true;
}
