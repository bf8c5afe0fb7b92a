// Cached data is served through a connection only while Polar has confirmed,
// within the last POLAR_GRANT_CHECK_SECONDS (60), that its grant still reads
// the organization. Nothing the app stores can tell: Polar revokes a grant when
// the person removes the app or the organization starts enforcing SSO, and a
// person can leave an organization, which revokes nothing
// (user_organization/service.py `remove_member`).
//
// The check is `GET /v1/organizations/{id}` with the grant's own token: the
// cheapest call that tells both apart. Polar answers it through OrgPolicyGuard
// (authz/dependencies.py): 401 for a revoked, expired or unknown token
// (auth/middlewares.py), 404 when the person is not a member or the token is
// down-scoped to other organizations. Introspection and userinfo would notice a
// revoked token, but not a lost membership. It is an API call, so it is taken
// from the person's share of the request budget.
//
// Single flight, like the grant lease: one request on one instance claims the
// check (a column of the connection's row, in one short UPDATE) and asks Polar;
// the others poll the row for its answer. The claim outlives the call's
// timeout, so a check never runs twice at once.
import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db/client";
import { polarTrafficEnv } from "@/lib/env";
import { POLAR_TIMEOUT_SECONDS } from "@/lib/polar/client";
import { describePolarError, type PolarProblem } from "@/lib/polar/errors";
import { callWithGrant, type Grant } from "./grant-call";

const CALL_MS = POLAR_TIMEOUT_SECONDS.grantCheck * 1000;
/** A check's claim: the call's timeout, the budget's queue and room to store the answer. */
const CLAIM_MS = CALL_MS + 10_000;
/** How long a request waits on another's check before it says Polar is not answering. */
const WAIT_MS = CALL_MS + 2_000;
const POLL_MS = 100;

/** The connection's last check, as its row holds it. */
export interface GrantCheckState {
  grantCheckedAt: Date | null;
  grantCheck: "confirmed" | "denied" | null;
}

function recentVerdict({ grantCheckedAt, grantCheck }: GrantCheckState): PolarProblem | null | undefined {
  const { grantCheckSeconds } = polarTrafficEnv();
  if (!grantCheckedAt || Date.now() - grantCheckedAt.getTime() >= grantCheckSeconds * 1000) return undefined;
  return grantCheck === "denied" ? { kind: "denied" } : null;
}

/** Takes the check if it is due and nobody is at it; false otherwise. */
async function claimCheck(connectionId: string) {
  const { grantCheckSeconds } = polarTrafficEnv();
  const claimed = await db.$executeRaw`
    UPDATE "OrganizationConnection"
    SET "grantCheckUntil" = now() + make_interval(secs => ${CLAIM_MS / 1000}::float8)
    WHERE id = ${connectionId}
      AND ("grantCheckUntil" IS NULL OR "grantCheckUntil" < now())
      AND ("grantCheckedAt" IS NULL OR "grantCheckedAt" < now() - make_interval(secs => ${grantCheckSeconds}::float8))`;
  return claimed === 1;
}

function record(connectionId: string, verdict: "confirmed" | "denied" | null) {
  return db.organizationConnection.updateMany({
    where: { id: connectionId },
    data: verdict
      ? { grantCheck: verdict, grantCheckedAt: new Date(), grantCheckUntil: null }
      : { grantCheckUntil: null },
  });
}

/** Asks Polar, under the claim, and records its verdict; a problem Polar's answer does not settle leaves none. */
async function runCheck(grant: Grant & { organizationId: string }): Promise<PolarProblem | null> {
  try {
    await callWithGrant(grant, "interactive", (polar) => polar.organizations.get(grant.organizationId), {
      timeoutSeconds: POLAR_TIMEOUT_SECONDS.grantCheck,
    });
    await record(grant.id, "confirmed");
    return null;
  } catch (error) {
    const problem = describePolarError(error, "organizations:read");
    // Denied (404, 403) is Polar's answer about the person; a 401 has marked
    // the grant for reconnecting (callWithGrant); busy, rate-limited,
    // unavailable or a retired API version say nothing about the grant.
    await record(grant.id, problem.kind === "denied" ? "denied" : null);
    return problem;
  }
}

/**
 * Why cached data may not be served through `grant` now: null when Polar
 * confirmed it within the interval (asking Polar first if it is due), else the
 * problem to show: denied, reconnect, or why Polar could not be asked.
 */
export async function grantCheckProblem(
  grant: Grant & { organizationId: string },
  state: GrantCheckState,
): Promise<PolarProblem | null> {
  const known = recentVerdict(state);
  if (known !== undefined) return known;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimCheck(grant.id)) return runCheck(grant);
    if (Date.now() > deadline) return { kind: "unavailable" };
    await sleep(POLL_MS);
    const row = await db.organizationConnection.findUnique({
      where: { id: grant.id },
      select: { grantCheckedAt: true, grantCheck: true, needsReconnect: true, reconnectReason: true },
    });
    if (!row) return { kind: "not-connected" };
    if (row.needsReconnect) return { kind: "reconnect", reason: row.reconnectReason };
    const verdict = recentVerdict(row);
    if (verdict !== undefined) return verdict;
  }
}
