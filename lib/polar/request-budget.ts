// Polar rate-limits per OAuth client: every user's token of this app shares one
// budget, 500 requests a minute in production and 100 in sandbox, and answers
// 429 with Retry-After beyond it. This budget keeps every server instance
// together under POLAR_REQUEST_BUDGET_PER_MINUTE (default 450, sandbox 90): a
// token bucket in PostgreSQL that refills at that rate and holds a tenth of it,
// so no 60-second window sees more than 1.1 × the budget (495 < 500). A request
// that finds the bucket empty may queue for up to MAX_WAIT_MS instead of failing
// (it takes a token the bucket has not refilled yet, and sleeps until then), so a
// burst is spread out rather than refused. A 429 pauses the client everywhere.
import "server-only";
import { PolarRateLimitError } from "@polar-sh/sdk";
import { db } from "@/lib/db/client";
import { polarTrafficEnv } from "@/lib/env";
import { polarServer } from "./server";

const MAX_WAIT_MS = 2_000;

/** Where the budget says no: it is spent (or paused) for about `retryAfterSeconds`. */
export class RequestBudgetSpent extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`The app's Polar request budget is spent; retry in ${retryAfterSeconds} s.`);
    this.name = "RequestBudgetSpent";
  }
}

function bucket() {
  const { requestsPerMinute } = polarTrafficEnv();
  return {
    clientId: polarServer.clientId,
    perSecond: requestsPerMinute / 60,
    capacity: Math.max(1, requestsPerMinute / 10),
  };
}

/**
 * Takes one request from the budget, waiting up to `maxWaitMs` for it; throws
 * RequestBudgetSpent when the wait would be longer or the client is paused.
 */
async function takeRequest(maxWaitMs: number) {
  const { clientId, perSecond, capacity } = bucket();
  const floor = -perSecond * (maxWaitMs / 1000);
  // One statement, so concurrent takers on any instance serialize on the row.
  const taken = await db.$queryRaw<{ tokens: number }[]>`
    INSERT INTO "PolarBudget" AS b ("clientId", "tokens", "refilledAt") VALUES (${clientId}, ${capacity - 1}, now())
    ON CONFLICT ("clientId") DO UPDATE SET
      "tokens" = LEAST(${capacity}::float8, b."tokens" + EXTRACT(EPOCH FROM now() - b."refilledAt")::float8 * ${perSecond}) - 1,
      "refilledAt" = now()
    WHERE (b."pausedUntil" IS NULL OR b."pausedUntil" <= now())
      AND LEAST(${capacity}::float8, b."tokens" + EXTRACT(EPOCH FROM now() - b."refilledAt")::float8 * ${perSecond}) - 1 >= ${floor}
    RETURNING "tokens"`;
  const tokens = taken[0]?.tokens;
  if (tokens === undefined)
    throw new RequestBudgetSpent(await secondsUntilAvailable(clientId, perSecond, floor));
  if (tokens < 0) await new Promise((resolve) => setTimeout(resolve, (-tokens / perSecond) * 1000));
}

async function secondsUntilAvailable(clientId: string, perSecond: number, floor: number) {
  const [row] = await db.$queryRaw<{ paused: number | null; tokens: number }[]>`
    SELECT EXTRACT(EPOCH FROM "pausedUntil" - now())::float8 AS paused,
           "tokens" + EXTRACT(EPOCH FROM now() - "refilledAt")::float8 * ${perSecond} AS tokens
    FROM "PolarBudget" WHERE "clientId" = ${clientId}`;
  const untilRefilled = row ? (floor + 1 - row.tokens) / perSecond : 0;
  return Math.max(1, Math.ceil(Math.max(row?.paused ?? 0, untilRefilled)));
}

/** After Polar answered 429: no instance calls it for `seconds` (its Retry-After). */
async function pauseRequests(seconds: number) {
  const { clientId } = bucket();
  await db.$executeRaw`
    UPDATE "PolarBudget" SET
      "pausedUntil" = GREATEST(COALESCE("pausedUntil", now()), now() + make_interval(secs => ${seconds})),
      "tokens" = LEAST("tokens", 0)
    WHERE "clientId" = ${clientId}`;
}

/**
 * Runs one Polar API request within the client's budget. Throws
 * RequestBudgetSpent instead of calling Polar when the budget is spent, and
 * pauses every instance when Polar answers 429 anyway (then rethrows it).
 */
export async function withinRequestBudget<T>(request: () => Promise<T>, maxWaitMs = MAX_WAIT_MS): Promise<T> {
  await takeRequest(maxWaitMs);
  try {
    return await request();
  } catch (error) {
    if (error instanceof PolarRateLimitError) await pauseRequests(error.retryAfter ?? 60);
    throw error;
  }
}
