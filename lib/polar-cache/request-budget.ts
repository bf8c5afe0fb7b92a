// Polar rate-limits per OAuth client: every user's token of this app shares one
// budget, 500 requests a minute in production and 100 in sandbox, and answers
// 429 beyond it. This budget keeps every server instance together under
// POLAR_REQUEST_BUDGET_PER_MINUTE (default 450, sandbox 90), and shares it
// fairly between tenants (lib/polar-cache/tenants.ts: an organization, or one
// person's own reads) and between the people of each tenant.
//
// Three token buckets in PostgreSQL, all checked and debited by one statement:
// - the client's: refills at the budget's rate and holds a tenth of a minute's,
//   so no 60-second window sees more than 1.1 × the budget (495 < 500);
// - each tenant's share: the client's rate divided by the tenants that asked in
//   the last minute;
// - each person's share of their tenant's: divided again by its people who
//   asked in the last minute.
// A request within its shares is served while all three buckets have a token
// for it. A request beyond its shares borrows
// from the client's bucket only while it holds more than a reserve that grows
// for less urgent work (BORROW_ABOVE): a person waiting on a miss may borrow
// down to a quarter of the bucket, a background refresh down to half, a search
// or a deep page down to three quarters. So one tenant hammering
// Polar takes the spare budget and then its own share, and everyone else keeps
// theirs. Only what neither serves at once queues, up to MAX_WAIT_MS, for its
// shares to refill: a page never waits while the budget has room to lend.
// Background refreshes never spend a share: they only use what is spare. A
// 429 pauses the client everywhere for Polar's Retry-After.
//
// Shares are sized by who asked in the last minute, counted over an index on
// `askedAt`: the count touches only the rows of tenants and people active in
// that minute, which the budget itself bounds (every one of them asked for at
// least one request), so it stays small with 100 organizations or 10,000.
// Rows idle for an hour are swept. The statement locks the client's row first,
// then the tenant's and the person's, always in that order, and uses no named
// prepared statement or session lock, so it works through a transaction pooler.
import "server-only";
import { PolarRateLimitError } from "@polar-sh/sdk";
import { db } from "@/lib/db/client";
import { polarTrafficEnv } from "@/lib/env";
import { throttled } from "@/lib/throttle";
import { RequestBudgetSpent } from "@/lib/polar/errors";
import { polarServer } from "@/lib/polar/server";

const MAX_WAIT_MS = 2_000;
const IDLE_SHARE_MS = 60 * 60 * 1000;

/** How urgent a request to Polar is, which decides what it may borrow beyond its shares. */
export type RequestPriority = "interactive" | "long-tail" | "background";

/** The part of the client's bucket that must stay after a borrowed request of each priority. */
const BORROW_ABOVE: Record<RequestPriority, number> = {
  interactive: 0.25,
  background: 0.5,
  "long-tail": 0.75,
};

/** Who asks Polar, and how urgently: the tenant whose share pays, the person within it. */
export interface Requester {
  tenant: string;
  person: string;
  priority: RequestPriority;
}

function bucket() {
  const { requestsPerMinute } = polarTrafficEnv();
  return {
    clientId: polarServer.clientId,
    perSecond: requestsPerMinute / 60,
    capacity: Math.max(1, requestsPerMinute / 10),
  };
}

/** A request waiting for its turn at the budget. */
interface Taker {
  requester: Requester;
  maxWaitMs: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Takers on this instance not yet sent to the database, and whether a batch is being sent. */
const queued: Taker[] = [];
let taking = false;

/**
 * Takes one request from the budget for `requester`, waiting up to
 * `maxWaitMs` for it; throws RequestBudgetSpent when it cannot be had in time.
 * Requests that ask together (a page's panels) go to the database together:
 * one statement per requester and wait, one statement at a time per instance,
 * instead of one per request queueing on the client's row.
 */
function takeRequest(requester: Requester, maxWaitMs: number) {
  return new Promise<void>((resolve, reject) => {
    queued.push({ requester, maxWaitMs, resolve, reject });
    if (!taking && queued.length === 1) queueMicrotask(() => void takeQueued());
  });
}

const groupKey = ({ requester: { tenant, person, priority }, maxWaitMs }: Taker) =>
  JSON.stringify([tenant, person, priority, maxWaitMs]);

async function takeQueued() {
  taking = true;
  while (queued.length > 0) {
    const groups = Map.groupBy(queued.splice(0), groupKey);
    for (const takers of groups.values()) {
      await takeFor(takers).catch((error: unknown) => takers.forEach((taker) => taker.reject(error)));
    }
  }
  taking = false;
  sweepIdleShares();
}

/** What one statement decided for a group of takers, and the levels it saw. */
interface Taken {
  /**
   * Requests granted, in this order: `withinNow` out of the tenant's and
   * person's shares at once, `borrowed` beyond them from what the client's
   * bucket has spare, and the rest of `within` out of the shares once they
   * refill (these wait).
   */
  taken: number;
  within: number;
  withinNow: number;
  borrowed: number;
  /** The levels before the take. */
  client: number;
  tenantLevel: number;
  personLevel: number;
  tenantRate: number;
  personRate: number;
  pausedSeconds: number;
}

/** Takes as many of `takers` (one requester, one wait) as the budget allows; refuses the rest with when to retry. */
async function takeFor(takers: Taker[]) {
  const { requester, maxWaitMs } = takers[0]!;
  const { clientId, perSecond, capacity } = bucket();
  const withinShare = requester.priority !== "background";
  const waitSeconds = withinShare ? maxWaitMs / 1000 : 0;
  const borrowAbove = BORROW_ABOVE[requester.priority] * capacity;
  const [row] = await takeTokens({
    clientId,
    perSecond,
    capacity,
    waitSeconds,
    borrowAbove,
    withinShare,
    count: takers.length,
    ...requester,
  });
  const taken: Taken = row!;
  const retryAfter = secondsUntilNext(taken, { perSecond, borrowAbove, withinShare });
  const servedAtOnce = taken.withinNow + taken.borrowed;
  takers.forEach((taker, i) => {
    if (i >= taken.taken) return taker.reject(new RequestBudgetSpent(retryAfter));
    if (i < servedAtOnce) return taker.resolve();
    // Within its shares a request may take a token its buckets have not
    // refilled yet (as much as refills within its wait), when borrowing could
    // not serve it: it sleeps until the token is there.
    const fromShares = taken.withinNow + (i - servedAtOnce) + 1;
    const sleepSeconds = Math.max(
      (i + 1 - taken.client) / perSecond,
      (fromShares - taken.tenantLevel) / taken.tenantRate,
      (fromShares - taken.personLevel) / taken.personRate,
    );
    setTimeout(taker.resolve, Math.max(0, sleepSeconds) * 1000);
  });
}

/** Seconds until a refused requester could be served, within its shares or by borrowing. */
function secondsUntilNext(
  taken: Taken,
  { perSecond, borrowAbove, withinShare }: { perSecond: number; borrowAbove: number; withinShare: boolean },
) {
  if (taken.pausedSeconds > 0) return Math.max(1, Math.ceil(taken.pausedSeconds));
  const client = taken.client - taken.taken;
  const byBorrowing = (borrowAbove + 1 - client) / perSecond;
  const byShare = withinShare
    ? Math.max(
        (1 - (taken.tenantLevel - taken.within)) / taken.tenantRate,
        (1 - (taken.personLevel - taken.within)) / taken.personRate,
        (1 - client) / perSecond,
      )
    : Infinity;
  return Math.max(1, Math.ceil(Math.min(byBorrowing, byShare)));
}

/**
 * The one statement: locks the client's, the tenant's and the person's rows (in
 * that order), refills each to now, decides how many of `count` requests it
 * grants (within the shares at once, then borrowed, then within the shares
 * going as far below zero as they refill within `waitSeconds`), and writes all three rows,
 * creating those that do not exist yet. Grants nothing while paused.
 */
function takeTokens(input: {
  clientId: string;
  tenant: string;
  person: string;
  perSecond: number;
  capacity: number;
  waitSeconds: number;
  borrowAbove: number;
  withinShare: boolean;
  count: number;
}) {
  const { clientId, tenant, person, perSecond, capacity, waitSeconds, borrowAbove, withinShare, count } =
    input;
  return db.$queryRaw<Taken[]>`
    WITH locked AS (
      SELECT tenant, person, tokens, EXTRACT(EPOCH FROM now() - "refilledAt")::float8 AS elapsed, "pausedUntil"
      FROM "PolarBudget"
      WHERE "clientId" = ${clientId} AND tenant IN ('', ${tenant}) AND person IN ('', ${person})
      ORDER BY tenant, person
      FOR UPDATE
    ), active AS (
      SELECT
        1 + count(*) FILTER (WHERE person = '' AND tenant NOT IN ('', ${tenant})) AS tenants,
        1 + count(*) FILTER (WHERE tenant = ${tenant} AND person NOT IN ('', ${person})) AS people
      FROM "PolarBudget"
      WHERE "clientId" = ${clientId} AND "askedAt" > now() - interval '60 seconds'
    ), shares AS (
      SELECT
        ${perSecond}::float8 / tenants AS tenant_rate,
        GREATEST(1, ${capacity}::float8 / tenants) AS tenant_cap,
        ${perSecond}::float8 / tenants / people AS person_rate,
        GREATEST(1, ${capacity}::float8 / tenants / people) AS person_cap
      FROM active
    ), levels AS (
      SELECT
        s.tenant_rate, s.person_rate,
        COALESCE(max(LEAST(${capacity}::float8, l.tokens + l.elapsed * ${perSecond}::float8)) FILTER (WHERE l.tenant = ''), ${capacity}::float8) AS client,
        COALESCE(max(EXTRACT(EPOCH FROM l."pausedUntil" - now())::float8) FILTER (WHERE l.tenant = ''), 0) AS paused_seconds,
        COALESCE(max(LEAST(s.tenant_cap, l.tokens + l.elapsed * s.tenant_rate)) FILTER (WHERE l.tenant <> '' AND l.person = ''), s.tenant_cap) AS tenant_level,
        COALESCE(max(LEAST(s.person_cap, l.tokens + l.elapsed * s.person_rate)) FILTER (WHERE l.person <> ''), s.person_cap) AS person_level
      FROM shares s LEFT JOIN locked l ON true
      GROUP BY s.tenant_rate, s.tenant_cap, s.person_rate, s.person_cap
    ), served_now AS (
      SELECT *,
        CASE WHEN paused_seconds > 0 OR NOT ${withinShare} THEN 0
        ELSE GREATEST(0, LEAST(${count}::int, floor(tenant_level)::int, floor(person_level)::int, floor(client)::int))
        END AS within_now
      FROM levels
    ), borrowing AS (
      SELECT *,
        CASE WHEN paused_seconds > 0 THEN 0
        ELSE GREATEST(0, LEAST(${count}::int - within_now, floor(client - within_now - ${borrowAbove}::float8)::int))
        END AS borrowed
      FROM served_now
    ), waiting AS (
      SELECT *,
        CASE WHEN paused_seconds > 0 OR NOT ${withinShare} THEN 0
        ELSE GREATEST(0, LEAST(
          ${count}::int - within_now - borrowed,
          floor(tenant_level + tenant_rate * ${waitSeconds}::float8)::int - within_now,
          floor(person_level + person_rate * ${waitSeconds}::float8)::int - within_now,
          floor(client - borrowed + ${perSecond}::float8 * ${waitSeconds}::float8)::int - within_now))
        END AS waited
      FROM borrowing
    ), decided AS (
      SELECT *, within_now + waited AS within, within_now + borrowed + waited AS taken FROM waiting
    ), written AS (
      INSERT INTO "PolarBudget" ("clientId", tenant, person, tokens, "refilledAt", "askedAt")
      SELECT ${clientId}, share.tenant, share.person, share.tokens, now(), now()
      FROM decided, LATERAL (VALUES
        ('', '', CASE WHEN paused_seconds > 0 THEN LEAST(0, client) ELSE client - taken END),
        (${tenant}, '', tenant_level - within),
        (${tenant}, ${person}, person_level - within)
      ) AS share(tenant, person, tokens)
      ON CONFLICT ("clientId", tenant, person) DO UPDATE
      SET tokens = EXCLUDED.tokens, "refilledAt" = EXCLUDED."refilledAt", "askedAt" = EXCLUDED."askedAt"
    )
    SELECT taken, within, within_now AS "withinNow", borrowed, client,
           tenant_level AS "tenantLevel", person_level AS "personLevel",
           tenant_rate AS "tenantRate", person_rate AS "personRate", paused_seconds AS "pausedSeconds"
    FROM decided`;
}

/** Once a minute per instance, drops the shares of tenants and people idle for an hour. */
const sweepIdleShares = throttled(60_000, () => {
  const { clientId } = bucket();
  void db.$executeRaw`
    DELETE FROM "PolarBudget"
    WHERE "clientId" = ${clientId} AND tenant <> '' AND "askedAt" < now() - make_interval(secs => ${IDLE_SHARE_MS / 1000})`.catch(
    () => {},
  );
});

/** After Polar answered 429: no instance calls it for `seconds` (its Retry-After). */
async function pauseRequests(seconds: number) {
  const { clientId } = bucket();
  await db.$executeRaw`
    UPDATE "PolarBudget" SET
      "pausedUntil" = GREATEST(COALESCE("pausedUntil", now()), now() + make_interval(secs => ${seconds})),
      "tokens" = LEAST("tokens", 0)
    WHERE "clientId" = ${clientId} AND tenant = '' AND person = ''`;
}

/**
 * Runs one Polar API request within the budget, for `requester`. Throws
 * RequestBudgetSpent instead of calling Polar when the budget has no request
 * for it within `maxWaitMs`, and pauses every instance when Polar answers 429
 * anyway (then rethrows it).
 */
export async function withinRequestBudget<T>(
  requester: Requester,
  request: () => Promise<T>,
  maxWaitMs = MAX_WAIT_MS,
): Promise<T> {
  await takeRequest(requester, maxWaitMs);
  try {
    return await request();
  } catch (error) {
    if (error instanceof PolarRateLimitError) await pauseRequests(error.retryAfter ?? 60);
    throw error;
  }
}
