import "server-only";
import { cache } from "react";
import type { Account } from "next-auth";
import { db } from "@/lib/db/client";
import { callPolar } from "@/lib/polar-cache/call-polar";
import { invalidateTenant } from "@/lib/polar-cache/read-cache";
import { organizationTenant, userTenant } from "@/lib/polar-cache/tenants";
import { grantTokens, subjectTypeOf } from "./grant-tokens";
import { endGrant, replaceGrant } from "./revoke";

/** Why the organization flow stored nothing, as an /auth/error code. */
export type OrganizationGrantRefusal = "NoOrganization" | "SeveralOrganizations";

/**
 * Stores the grant from the organization flow (sub_type=organization) for
 * `userId`. Polar returns a user token down-scoped to the one organization the
 * person picked, so GET /v1/organizations/ with it lists exactly that one. Zero
 * or several mean Polar did not down-scope the token: nothing is stored (the
 * caller revokes the grant). On a reconnect, the grant this one replaces is
 * revoked. Either way the organization's cached reads are invalidated.
 */
export async function storeOrganizationGrant(
  userId: string,
  account: Account,
): Promise<{ ok: true; slug: string } | { ok: false; refusal: OrganizationGrantRefusal }> {
  const tokens = grantTokens(account);
  if (!tokens.access_token) throw new Error("Polar returned no access token for the organization.");
  // Someone is waiting on this page: a spent budget may keep them up to 10 s.
  const { items, pagination } = await callPolar(
    tokens.access_token,
    { tenant: userTenant(userId), person: userId, priority: "interactive" },
    (polar) => polar.organizations.list({ limit: 2 }),
    { maxWaitMs: 10_000 },
  );
  const organization = items[0];
  if (!organization || pagination.total_count !== 1) {
    return { ok: false, refusal: organization ? "SeveralOrganizations" : "NoOrganization" };
  }

  const data = {
    ...tokens,
    subjectType: subjectTypeOf(tokens.access_token),
    needsReconnect: false,
    reconnectReason: null,
    refreshedAt: new Date(),
    organizationSlug: organization.slug,
    organizationName: organization.name,
    avatarUrl: organization.avatar_url ?? null,
    // Polar has just listed the organization for this token: the grant check's answer.
    grantCheck: "confirmed" as const,
    grantCheckedAt: new Date(),
    grantCheckUntil: null,
  };
  const existing = await db.organizationConnection.findUnique({
    where: { userId_organizationId: { userId, organizationId: organization.id } },
    select: { id: true },
  });
  // A reconnect replaces the grant under its lease (lib/grants/revoke.ts). Two
  // first connects of one organization at once: the second create fails on the
  // unique key and its request revokes the grant it holds (auth-request.ts).
  if (!existing || !(await replaceGrant("OrganizationConnection", existing.id, data))) {
    await db.organizationConnection.create({ data: { userId, organizationId: organization.id, ...data } });
  }
  await invalidateTenant(organizationTenant(organization.id));
  return { ok: true, slug: organization.slug };
}

/** What pages may know of a connection: everything but its tokens. */
const connectionFields = {
  id: true,
  organizationId: true,
  organizationSlug: true,
  organizationName: true,
  avatarUrl: true,
  needsReconnect: true,
  reconnectReason: true,
  scope: true,
  grantCheckedAt: true,
  grantCheck: true,
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

/** A stored connection as pages see it: everything but its tokens. */
export type Connection = Awaited<ReturnType<typeof listConnections>>[number];

/** One of the user's connections by organization slug; undefined for anyone else's. */
export async function findConnection(userId: string, organizationSlug: string) {
  return (await listConnections(userId)).find((c) => c.organizationSlug === organizationSlug);
}

/**
 * Why a connection needs reconnecting, read now: the refresh that found out may
 * have run after this request listed the connections.
 */
export async function reconnectReason(connectionId: string) {
  const connection = await db.organizationConnection.findUnique({
    where: { id: connectionId },
    select: { reconnectReason: true },
  });
  return connection?.reconnectReason ?? null;
}

/**
 * Revokes the user's grant for the organization at Polar and deletes it, under
 * the grant's lease (a refresh in flight finishes first, so its successor is
 * the token revoked). A revocation Polar does not confirm goes to the
 * revocation outbox and does not keep the tokens. The organization's cached
 * reads are invalidated.
 */
export async function revokeAndDeleteConnection(userId: string, organizationId: string) {
  const connection = await db.organizationConnection.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { id: true },
  });
  if (!connection) return false;
  const ended = await endGrant("OrganizationConnection", connection.id, "delete");
  await invalidateTenant(organizationTenant(organizationId));
  return ended;
}
