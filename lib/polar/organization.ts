import "server-only";
import { cache } from "react";
import { findConnection } from "@/lib/grants/connections";
import { accessTokenReplacing, freshAccessToken } from "@/lib/grants/refresh";
import { polarClient } from "./client";

/**
 * The signed-in user's access to one of their connected organizations, by slug:
 * null if it is not theirs, "reconnect" if Polar refused the grant, else a Polar
 * client acting on that organization. Cached per request, so every panel of a
 * page shares one lookup and at most one token refresh.
 */
export const organizationAccess = cache(async (userId: string, slug: string) => {
  const connection = await findConnection(userId, slug);
  if (!connection) return null;
  const accessToken = await freshAccessToken("OrganizationConnection", connection.id);
  if (!accessToken) return { status: "reconnect" as const, connection };
  return { status: "ok" as const, connection, accessToken, polar: polarClient(accessToken, connection.organizationId) };
});

/**
 * A client with the token that replaced `rejected` (Polar answered 401 because a
 * concurrent request refreshed the grant), or null if there is none. Cached per
 * request, so the panels that hit the same 401 share one lookup.
 */
export const organizationAccessAfter401 = cache(async (connectionId: string, organizationId: string, rejected: string) => {
  const accessToken = await accessTokenReplacing("OrganizationConnection", connectionId, rejected);
  return accessToken ? polarClient(accessToken, organizationId) : null;
});
