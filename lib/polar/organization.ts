import "server-only";
import { cache } from "react";
import { findConnection } from "@/lib/auth/connections";
import { freshAccessToken } from "@/lib/auth/refresh";
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
  // Polar-Organization scopes a user token (which Polar may hand out on refresh
  // in place of an organization token) to this organization.
  return { status: "ok" as const, connection, polar: polarClient(accessToken, connection.organizationId) };
});
