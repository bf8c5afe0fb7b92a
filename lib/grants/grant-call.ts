import "server-only";
import { cache } from "react";
import { after } from "next/server";
import { callPolar } from "@/lib/polar-cache/call-polar";
import type { PolarApi, PolarCallOptions } from "@/lib/polar/client";
import { GrantRefusedError, isUnauthorized, PolarNotAnswering } from "@/lib/polar/errors";
import type { RequestPriority } from "@/lib/polar-cache/request-budget";
import { organizationTenant, userTenant } from "@/lib/polar-cache/tenants";
import type { GrantTable } from "./grant-row";
import { freshAccessToken, refusedAccessToken } from "./refresh";

/** A stored Polar grant and whose it is: a person's sign-in grant, or their connection to one organization. */
export interface Grant {
  table: GrantTable;
  id: string;
  userId: string;
  /** The organization a connection acts on; none for the sign-in grant. */
  organizationId?: string;
}

/**
 * How long a page waits for a grant's token when it must be refreshed first
 * (by this request or another). A refresh that takes longer goes on under its
 * lease (lib/grants/grant-lease.ts) and stores its answer; the page meanwhile
 * says Polar is not answering instead of hanging.
 */
export const TOKEN_WAIT_MS = 6_000;

/** Keeps `work` alive after the response (on Vercel, the function would freeze); outside a request, it just runs. */
function keepAlive(work: Promise<unknown>) {
  try {
    after(work.catch(() => {}));
  } catch {
    // Not in a request: nothing freezes.
  }
}

/** The grant's access token, read (and refreshed if need be) once per request for all its panels. */
export const requestAccessToken = cache(async (table: GrantTable, id: string) => {
  const token = freshAccessToken(table, id);
  keepAlive(token);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PolarNotAnswering()), TOKEN_WAIT_MS);
  });
  try {
    return await Promise.race([token, deadline]);
  } finally {
    clearTimeout(timer);
  }
});

/**
 * One Polar API request with the grant's access token, refreshed first when it
 * is about to expire, within the grant's owner's share of the request budget.
 * Polar revokes the old access token the moment a refresh rotates it, so a 401
 * can mean a concurrent request just refreshed the grant: then the request is
 * made once more, with the token that replaced it. Any other 401 means Polar
 * revoked the grant: it is marked for reconnecting (refusedAccessToken), and the
 * call fails with GrantRefusedError.
 */
export async function callWithGrant<T>(
  grant: Grant,
  priority: RequestPriority,
  request: (polar: PolarApi) => Promise<T>,
  options: Omit<PolarCallOptions, "organizationId"> = {},
): Promise<T> {
  const requester = {
    tenant: grant.organizationId ? organizationTenant(grant.organizationId) : userTenant(grant.userId),
    person: grant.userId,
    priority,
  };
  const call = (token: string) =>
    callPolar(token, requester, request, { organizationId: grant.organizationId, ...options });
  const token = await requestAccessToken(grant.table, grant.id);
  if (!token) throw new GrantRefusedError();
  try {
    return await call(token);
  } catch (error) {
    if (!isUnauthorized(error)) throw error;
    const replacement = await refusedAccessToken(grant.table, grant.id, token);
    if (!replacement) throw new GrantRefusedError();
    try {
      return await call(replacement);
    } catch (retryError) {
      if (!isUnauthorized(retryError)) throw retryError;
      await refusedAccessToken(grant.table, grant.id, replacement);
      throw new GrantRefusedError();
    }
  }
}
