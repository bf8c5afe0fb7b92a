import "server-only";
import { cache } from "react";
import { currentUser } from "@/lib/auth/current-user";
import { callWithGrant, requestAccessToken, type Grant } from "@/lib/grants/grant-call";
import { grantCheckProblem } from "@/lib/grants/grant-check";
import { findConnection, reconnectReason, type Connection } from "@/lib/grants/connections";
import { apiVersionRefused, POLAR_API_VERSION, type PolarApi } from "@/lib/polar/client";
import { PolarNotAnswering, type Result } from "@/lib/polar/errors";
import { cachedRead, storeAnswer, type Read } from "@/lib/polar-cache/read-cache";
import { organizationTenant } from "@/lib/polar-cache/tenants";
import { DETAILS, toDetails } from "./organization-details";

/** The signed-in user's connection to the organization `slug` (undefined for anyone else's), once per request. */
const connectionTo = cache(async (slug: string) => {
  const user = await currentUser();
  const connection = await findConnection(user.id, slug);
  return connection && { connection, grant: grantOf(user.id, connection) };
});

const grantOf = (userId: string, connection: Connection): Grant & { organizationId: string } => ({
  table: "OrganizationConnection",
  id: connection.id,
  userId,
  organizationId: connection.organizationId,
});

/**
 * The signed-in user's connection to the organization `slug`, checked on every
 * request (cached data is only ever served through it): not-connected when it
 * is not theirs; reconnect (with why) when Polar refused the grant or its
 * refresh; denied when Polar no longer lets them see the organization; or why
 * Polar could not confirm the grant. Cached per request, so a page and all its
 * panels share one check.
 */
export const organizationAccess = cache(async (slug: string): Promise<Result<{ connection: Connection }>> => {
  const found = await connectionTo(slug);
  if (!found) return { ok: false, problem: { kind: "not-connected" } };
  const { connection, grant } = found;
  const reconnect = async () =>
    ({ ok: false, problem: { kind: "reconnect", reason: await reconnectReason(connection.id) } }) as const;
  if (connection.needsReconnect) return reconnect();
  if (apiVersionRefused()) return { ok: false, problem: { kind: "api-version", version: POLAR_API_VERSION } };
  try {
    // Live means Polar still accepts the grant: its token, refreshed if it is
    // about to expire, is read here once for the request and its panels, and
    // Polar has confirmed the grant within POLAR_GRANT_CHECK_SECONDS.
    if (!(await requestAccessToken(grant.table, grant.id))) return reconnect();
    // The check reads the organization: its answer renews the header's entry.
    const problem = await grantCheckProblem(grant, connection, (organization) =>
      storeAnswer(
        {
          tenant: organizationTenant(connection.organizationId),
          key: organizationReadKey(connection.organizationId, [DETAILS]),
        },
        toDetails(organization),
      ),
    );
    if (problem?.kind === "reconnect") return reconnect();
    return problem ? { ok: false, problem } : { ok: true, connection };
  } catch (error) {
    // A refresh that Polar has not answered within the page's wait goes on
    // under its lease; any other failure is the error page's.
    if (error instanceof PolarNotAnswering) return { ok: false, problem: { kind: "unavailable" } };
    throw error;
  }
});

/** Whether a grant of `granted` scopes may read what needs `scope` (its :write scope includes :read). */
const grantsScope = (granted: string, scope: string) =>
  granted.split(" ").some((s) => s === scope || s === scope.replace(/:read$/, ":write"));

/** The cache key of one read of the organization `organizationId`. */
export const organizationReadKey = (organizationId: string, read: (string | number)[]) =>
  [organizationTenant(organizationId), ...read].join(":");

/** How a read of an organization is cached and asked of Polar. */
export interface ReadOptions {
  /** A search or a deep page (lib/dashboard/list-page.ts; lib/polar-cache/read-cache.ts). */
  longTail?: boolean;
  /** Polar takes long to answer it: any cached copy is served while a new one loads. */
  slow?: boolean;
  /** Seconds Polar gets to answer (lib/polar/client.ts). */
  timeoutSeconds?: number;
}

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
  request: (polar: PolarApi, organizationId: string) => Promise<T>,
  { longTail, slow, timeoutSeconds }: ReadOptions = {},
): Promise<Read<T>> {
  const found = await connectionTo(slug);
  if (!found) return { ok: false, problem: { kind: "not-connected" } };
  const { connection, grant } = found;
  const granted = connection.scope;
  return cachedRead({
    tenant: organizationTenant(connection.organizationId),
    key: organizationReadKey(connection.organizationId, read),
    scope,
    longTail,
    slow,
    // Polar must still accept the grant, and a connection granted without the
    // scope must not see what others' could read.
    refusal: organizationAccess(slug).then((access) =>
      !access.ok
        ? access.problem
        : granted && !grantsScope(granted, scope)
          ? { kind: "missing-scope", scope }
          : undefined,
    ),
    load: (priority) =>
      callWithGrant(grant, priority, (polar) => request(polar, connection.organizationId), {
        timeoutSeconds,
      }),
  });
}
