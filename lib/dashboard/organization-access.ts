import "server-only";
import { cache } from "react";
import type { Polar } from "@polar-sh/sdk/2026-10";
import { currentUser } from "@/lib/auth/current-user";
import { callWithGrant, requestAccessToken } from "@/lib/grants/grant-call";
import { findConnection, reconnectReason, type Connection } from "@/lib/grants/connections";
import type { Result } from "@/lib/polar/errors";
import { cachedRead, organizationOwner, type Read } from "@/lib/polar/read-cache";

/** The signed-in user's connection to the organization `slug` (undefined for anyone else's), once per request. */
const connectionTo = cache(async (slug: string) => findConnection((await currentUser()).id, slug));

/**
 * The signed-in user's connection to the organization `slug`, checked on every
 * request (cached data is only ever served through it): not-connected when it
 * is not theirs, reconnect (with why) when Polar refused the grant or its
 * refresh. Cached per request, so a page and all its panels share one lookup.
 */
export const organizationAccess = cache(async (slug: string): Promise<Result<{ connection: Connection }>> => {
  const connection = await connectionTo(slug);
  if (!connection) return { ok: false, problem: { kind: "not-connected" } };
  // Live means Polar still accepts the grant: its token, refreshed if it is
  // about to expire, is read here once for the request and its panels.
  const accessToken = connection.needsReconnect
    ? null
    : await requestAccessToken("OrganizationConnection", connection.id);
  if (!accessToken) {
    return { ok: false, problem: { kind: "reconnect", reason: await reconnectReason(connection.id) } };
  }
  return { ok: true, connection };
});

/** Whether a grant of `granted` scopes may read what needs `scope` (its :write scope includes :read). */
const grantsScope = (granted: string, scope: string) =>
  granted.split(" ").some((s) => s === scope || s === scope.replace(/:read$/, ":write"));

/**
 * One read of the organization `slug`'s data, cached per organization and
 * `read` (its name and parameters) for everyone connected to it, and asked of
 * Polar with the user's own grant when the cache has no answer. The cache is
 * looked up while the connection is checked, and serves only once it passes.
 */
export async function readOrganization<T>(
  slug: string,
  read: (string | number)[],
  scope: string,
  request: (polar: Polar, organizationId: string) => Promise<T>,
): Promise<Read<T>> {
  const connection = await connectionTo(slug);
  if (!connection) return { ok: false, problem: { kind: "not-connected" } };
  const { id, organizationId, scope: granted } = connection;
  const owner = organizationOwner(organizationId);
  return cachedRead({
    owner,
    key: [owner, ...read].join(":"),
    scope,
    // Polar must still accept the grant, and a connection granted without the
    // scope must not see what others' could read.
    refusal: organizationAccess(slug).then((access) =>
      !access.ok
        ? access.problem
        : granted && !grantsScope(granted, scope)
          ? { kind: "missing-scope", scope }
          : undefined,
    ),
    load: () =>
      callWithGrant("OrganizationConnection", id, organizationId, (polar) => request(polar, organizationId)),
  });
}
