import "server-only";
import { cache } from "react";
import type { Polar } from "@polar-sh/sdk/2026-10";
import { callPolar } from "@/lib/polar/client";
import { GrantRefusedError, isUnauthorized } from "@/lib/polar/errors";
import type { GrantTable } from "./grant-row";
import { accessTokenReplacing, freshAccessToken } from "./refresh";

/** The grant's access token, read (and refreshed if need be) once per request for all its panels. */
export const requestAccessToken = cache(freshAccessToken);

/**
 * One Polar API request with the grant's access token, refreshed first when it
 * is about to expire. Polar revokes the old access token the moment a refresh
 * rotates it, so a 401 can mean a concurrent request just refreshed the grant:
 * then the request is made once more, with the token that replaced it.
 */
export async function callWithGrant<T>(
  table: GrantTable,
  grantId: string,
  organizationId: string | undefined,
  request: (polar: Polar) => Promise<T>,
): Promise<T> {
  const accessToken = await requestAccessToken(table, grantId);
  if (!accessToken) throw new GrantRefusedError();
  try {
    return await callPolar(accessToken, organizationId, request);
  } catch (error) {
    if (!isUnauthorized(error)) throw error;
    const replacement = await accessTokenReplacing(table, grantId, accessToken);
    if (!replacement) throw error;
    return callPolar(replacement, organizationId, request);
  }
}
