import "server-only";
import { cache } from "react";
import type { Account } from "next-auth";
import { db } from "@/lib/db";
import { polarClient } from "@/lib/polar/client";
import { revokeGrant } from "./revoke";

/**
 * Stores the organization grant that `account` (from the sub_type=organization
 * flow) holds for `userId`. The organization's id is the token's `sub`; its
 * name, slug and avatar come from Polar's API with the new token.
 */
export async function connectOrganization(userId: string, account: Account) {
  const accessToken = account.access_token;
  if (!accessToken) throw new Error("Polar returned no access token for the organization.");
  const organization = await polarClient(accessToken).organizations.get(account.providerAccountId);
  const tokens = {
    access_token: accessToken,
    refresh_token: account.refresh_token ?? null,
    id_token: account.id_token ?? null,
    expires_at: account.expires_at ?? null,
    token_type: account.token_type ?? null,
    scope: account.scope ?? null,
    subjectType: "organization",
    needsReconnect: false,
    refreshedAt: new Date(),
    organizationSlug: organization.slug,
    organizationName: organization.name,
    avatarUrl: organization.avatar_url ?? null,
  };
  return db.organizationConnection.upsert({
    where: { userId_organizationId: { userId, organizationId: organization.id } },
    create: { userId, organizationId: organization.id, ...tokens },
    update: tokens,
  });
}

/** What pages may know of a connection: everything but its tokens. */
const connectionFields = {
  id: true,
  organizationId: true,
  organizationSlug: true,
  organizationName: true,
  avatarUrl: true,
  needsReconnect: true,
} as const;

/**
 * The user's connected organizations, without their tokens. Read once per
 * request: layouts, pages and organizationAccess share it.
 */
export const listConnections = cache((userId: string) =>
  db.organizationConnection.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: connectionFields,
  }),
);

/** One of the user's connections by organization slug; undefined for anyone else's. */
export async function findConnection(userId: string, organizationSlug: string) {
  return (await listConnections(userId)).find((c) => c.organizationSlug === organizationSlug);
}

/**
 * Revokes the user's grant for the organization at Polar and deletes it. A
 * failed revocation is logged by revokeGrant and does not keep the tokens.
 */
export async function disconnectOrganization(userId: string, organizationId: string) {
  const connection = await db.organizationConnection.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { id: true, access_token: true, refresh_token: true },
  });
  if (!connection) return false;
  await revokeGrant(connection);
  await db.organizationConnection.delete({ where: { id: connection.id } });
  return true;
}
